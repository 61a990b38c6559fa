/**
 * Browser mode: the page saves an exported report itself, as a Blob behind a download link (the
 * server never writes a file for a page). PDF arrives base64; the rest as text.
 */
import type { ExportReportReply } from "../../core/api.ts";

export function replyBytes(reply: Pick<ExportReportReply, "content" | "encoding">): Uint8Array {
  if (reply.content === undefined) return new Uint8Array();
  if (reply.encoding === "base64") return Uint8Array.from(atob(reply.content), (char) => char.charCodeAt(0));
  return new TextEncoder().encode(reply.content);
}

export function downloadReply(reply: ExportReportReply, page: Document): void {
  const blob = new Blob([replyBytes(reply) as BlobPart], { type: reply.mimeType });
  const url = URL.createObjectURL(blob);
  const link = page.createElement("a");
  link.href = url;
  link.download = reply.fileName;
  link.rel = "noopener";
  page.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
