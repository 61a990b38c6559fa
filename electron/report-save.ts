/**
 * Where an exported report goes in the desktop app: main's save dialog (the page never writes
 * files), then the file written whole (beside, then renamed). Undefined when the operator declines.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { app, dialog, type BrowserWindow } from "electron";

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  "text/csv": { name: "CSV", extensions: ["csv"] },
  "application/json": { name: "JSON", extensions: ["json"] },
  "text/html": { name: "HTML", extensions: ["html"] },
  "application/pdf": { name: "PDF", extensions: ["pdf"] },
};

export async function saveReportFile(
  window: BrowserWindow | undefined,
  file: { fileName: string; mimeType: string; data: Uint8Array },
): Promise<string | undefined> {
  const options = {
    title: "Save report",
    defaultPath: path.join(app.getPath("documents"), file.fileName),
    filters: FILTERS[file.mimeType] ? [FILTERS[file.mimeType] as { name: string; extensions: string[] }] : [],
  };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return undefined;
  const partial = `${chosen.filePath}.partial-${process.pid}`;
  try {
    await writeFile(partial, file.data);
    await rename(partial, chosen.filePath);
  } finally {
    await rm(partial, { force: true });
  }
  return chosen.filePath;
}
