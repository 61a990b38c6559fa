/**
 * The hosts the operator added from the console, kept in the data folder as hosts.json so the next
 * launch follows them again. Only aliases and the production mark are kept: where a host is and how
 * to log in stay in ~/.ssh/config, which the operator already maintains. The file is validated when
 * read (it may have been edited by hand). Every change is a read-modify-write under the data
 * folder's file lock (core/data-file-update.ts), so concurrent adds, in this process or another
 * Fulcrum, all land; the file is replaced whole, never half-written.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { HostAliasSchema } from "../api.ts";
import { updateDataFile } from "../data-file-update.ts";

const InventoryEntrySchema = z.object({
  alias: HostAliasSchema,
  production: z.boolean(),
  addedAt: z.string(),
});
const InventoryFileSchema = z.object({ version: z.literal(1), hosts: z.array(InventoryEntrySchema) });

export type InventoryEntry = z.infer<typeof InventoryEntrySchema>;

export function hostInventoryPath(dataFolder: string): string {
  return path.join(dataFolder, "hosts.json");
}

export class HostInventory {
  readonly path: string;

  constructor(file: string) {
    this.path = file;
  }

  /** The saved hosts; none when the file does not exist yet. A damaged file is an error, never "no hosts". */
  async load(): Promise<InventoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return this.#parse(text);
  }

  /** Adds or updates a host (by alias). */
  async add(alias: string, production: boolean, now = new Date()): Promise<void> {
    await this.#update((hosts) => [
      ...hosts.filter((entry) => entry.alias !== alias),
      { alias, production, addedAt: now.toISOString() },
    ]);
  }

  /** Whether the alias was in the list. */
  async remove(alias: string): Promise<boolean> {
    let removed = false;
    await this.#update((hosts) => {
      const kept = hosts.filter((entry) => entry.alias !== alias);
      removed = kept.length !== hosts.length;
      return removed ? kept : undefined;
    });
    return removed;
  }

  /** `change` sees the list as it is under the lock; undefined leaves the file alone. */
  async #update(change: (hosts: InventoryEntry[]) => InventoryEntry[] | undefined): Promise<void> {
    await updateDataFile(this.path, (text) => {
      // A file we cannot read is not overwritten: the error names it, and it stays as it was.
      const next = change(text === undefined ? [] : this.#parse(text));
      return next === undefined ? undefined : `${JSON.stringify({ version: 1, hosts: next }, null, 2)}\n`;
    });
  }

  #parse(text: string): InventoryEntry[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.path} is not valid JSON (${(error as Error).message}); fix or remove it`, {
        cause: error,
      });
    }
    const parsed = InventoryFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${this.path} is not a Fulcrum host list: ${z.prettifyError(parsed.error)}`);
    }
    return parsed.data.hosts;
  }
}
