/**
 * The hosts the operator added from the console, kept in the data folder as hosts.json so the next
 * launch follows them again. Only aliases and the production mark are kept: where a host is and how
 * to log in stay in ~/.ssh/config, which the operator already maintains. The file is validated when
 * read (it may have been edited by hand) and replaced atomically when written.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { HostAliasSchema } from "../api.ts";

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

  /** Adds or updates a host (by alias). */
  async add(alias: string, production: boolean, now = new Date()): Promise<void> {
    const hosts = (await this.load()).filter((entry) => entry.alias !== alias);
    hosts.push({ alias, production, addedAt: now.toISOString() });
    await this.#write(hosts);
  }

  /** Whether the alias was in the list. */
  async remove(alias: string): Promise<boolean> {
    const hosts = await this.load();
    const kept = hosts.filter((entry) => entry.alias !== alias);
    if (kept.length === hosts.length) return false;
    await this.#write(kept);
    return true;
  }

  async #write(hosts: InventoryEntry[]): Promise<void> {
    await mkdir(path.dirname(this.path), { recursive: true, mode: 0o700 });
    // Written beside the target and renamed over it: a crash leaves the old list or the new one.
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ version: 1, hosts }, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
