/**
 * The append-only audit log: one JSON object per line in the data folder. Appends use O_APPEND,
 * so concurrent writers (the app and the CLI) never interleave within a line. Nothing here
 * rewrites or deletes lines.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AuditEntrySchema, type AuditEntry } from "./audit-entry.ts";
import { ChangeEntrySchema, type ChangeEntry } from "./change-entry.ts";

export interface AuditQuery {
  hostId?: string;
  /** Inclusive bounds, epoch ms. */
  from?: number;
  to?: number;
}

export interface AuditRead {
  /** IPVS weight, drain, remove and restore entries. */
  entries: AuditEntry[];
  /** HAProxy, config-edit and failover entries (change-entry.ts), told apart by their `type`. */
  changes: ChangeEntry[];
  /** Line numbers that did not parse or validate; kept out of the entries, never dropped silently. */
  badLines: number[];
}

export class AuditLog {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.#appendLine(AuditEntrySchema.parse(entry));
  }

  async appendChange(entry: ChangeEntry): Promise<void> {
    await this.#appendLine(ChangeEntrySchema.parse(entry));
  }

  async #appendLine(checked: object): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await appendFile(this.path, `${JSON.stringify(checked)}\n`, { flag: "a", mode: 0o600 });
  }

  async read(): Promise<AuditRead> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        return { entries: [], changes: [], badLines: [] };
      throw error;
    }
    const entries: AuditEntry[] = [];
    const changes: ChangeEntry[] = [];
    const badLines: number[] = [];
    text.split("\n").forEach((line, index) => {
      if (line.trim() === "") return;
      try {
        const value: unknown = JSON.parse(line);
        if (typeof value === "object" && value !== null && "type" in value)
          changes.push(ChangeEntrySchema.parse(value));
        else entries.push(AuditEntrySchema.parse(value));
      } catch {
        badLines.push(index + 1);
      }
    });
    return { entries, changes, badLines };
  }

  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const { entries } = await this.read();
    return entries.filter((entry) => matches(entry, query));
  }

  async queryChanges(query: AuditQuery = {}): Promise<ChangeEntry[]> {
    const { changes } = await this.read();
    return changes.filter((entry) => matches(entry, query));
  }

  async findChange(id: string): Promise<ChangeEntry | undefined> {
    const { changes } = await this.read();
    return changes.find((entry) => entry.id === id);
  }

  async find(id: string): Promise<AuditEntry | undefined> {
    const { entries } = await this.read();
    return entries.find((entry) => entry.id === id);
  }
}

export function matches(entry: Pick<AuditEntry, "hostId" | "at">, query: AuditQuery): boolean {
  if (query.hostId !== undefined && entry.hostId !== query.hostId) return false;
  const at = Date.parse(entry.at);
  if (query.from !== undefined && at < query.from) return false;
  if (query.to !== undefined && at > query.to) return false;
  return true;
}
