import { readFile } from "node:fs/promises";
import { UsageError } from "./exit-codes.ts";

/** Reads a named file, or standard input for "-" or no name. A missing file is bad input (exit 2). */
export async function readInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${path}: ${code === "ENOENT" ? "no such file" : String(code ?? error)}`,
    );
  }
}
