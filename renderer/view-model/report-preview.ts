/**
 * The HTML report made fit for the preview frame. The frame inherits the console's Content
 * Security Policy (no inline styles), which would strip the report's <style> block and its style
 * attributes, so the styles are taken out here and applied through the CSSOM after load (a
 * constructed stylesheet and element.style, which that policy allows). The report has no script
 * and the frame runs none.
 */
export interface PreviewParts {
  /** The report with its <style> block removed and each style="..." moved to data-preview-style. */
  html: string;
  css: string;
}

export function previewParts(report: string): PreviewParts {
  let css = "";
  const withoutSheet = report.replace(/<style>([\s\S]*?)<\/style>/g, (_match, sheet: string) => {
    css += sheet;
    return "";
  });
  return { html: withoutSheet.replace(/\sstyle="([^"]*)"/g, ' data-preview-style="$1"'), css };
}
