/**
 * The DNS names the operator watches, saved in the data folder beside hosts.json (dns-names.json),
 * changed only through data-file-update.ts (the one read-modify-write path). Names are validated
 * as DNS names; anything else is refused before it is saved.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { updateDataFile } from "../data-file-update.ts";

export const WATCHED_NAMES_FILE = "dns-names.json";

export type DnsNameProblem = "invalid-name" | "damaged-file";

export class DnsNameError extends Error {
  readonly problem: DnsNameProblem;
  constructor(problem: DnsNameProblem, message: string) {
    super(message);
    this.name = "DnsNameError";
    this.problem = problem;
  }
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** A DNS name (letters, digits, - and _ per label; 253 characters at most), lower-cased, without the final dot. */
export function dnsName(text: string): string {
  const name = text.replace(/\.$/, "").toLowerCase();
  if (name.length === 0 || name.length > 253 || !name.split(".").every((label) => LABEL.test(label)))
    throw new DnsNameError("invalid-name", `${JSON.stringify(text)} is not a DNS name`);
  return name;
}

export function watchedNamesPath(dataFolder: string): string {
  return path.join(dataFolder, WATCHED_NAMES_FILE);
}

function parse(text: string | undefined, file: string): string[] {
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as { version?: unknown; names?: unknown };
    if (value.version !== 1 || !Array.isArray(value.names)) throw new Error("not version 1 with names");
    return value.names.map((name) => dnsName(String(name)));
  } catch (error) {
    throw new DnsNameError(
      "damaged-file",
      `${file} is not a Fulcrum list of DNS names (${(error as Error).message}); it is left as it is`,
    );
  }
}

export async function readWatchedNames(dataFolder: string): Promise<string[]> {
  const file = watchedNamesPath(dataFolder);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  return parse(text, file);
}

export async function changeWatchedNames(
  dataFolder: string,
  change: (names: string[]) => string[],
): Promise<string[]> {
  const file = watchedNamesPath(dataFolder);
  let result: string[] = [];
  await updateDataFile(file, (current) => {
    result = [...new Set(change(parse(current, file)))].sort();
    return `${JSON.stringify({ version: 1, names: result }, null, 2)}\n`;
  });
  return result;
}
