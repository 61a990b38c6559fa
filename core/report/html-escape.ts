/**
 * The one escape for text that goes into the HTML report or its SVG (host names, service keys and
 * audit text are operator- or host-supplied): element content and quoted attribute values alike.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
