// Every command of the table in cli/fulcrum.ts explains itself: `fulcrum <command> --help` exits 0
// and prints at least one example. The table is read from the source, so a new command without
// help fails here.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

async function commandNames(): Promise<string[]> {
  const source = await readFile(path.join(REPO, "cli/fulcrum.ts"), "utf8");
  const table = /const commands: Record<string, Command> = \{([\s\S]*?)\n\};/.exec(source)?.[1] ?? "";
  return [...table.matchAll(/^\s+"?([a-z-]+)"?:/gm)].map((match) => match[1] ?? "");
}

describe("fulcrum <command> --help", () => {
  it("exits 0 with an example for every command in the table", async () => {
    const names = await commandNames();
    expect(names.length).toBeGreaterThanOrEqual(14);
    const results = await Promise.all(
      names.map(async (name) => {
        try {
          const { stdout } = await run(
            process.execPath,
            [path.join(REPO, "bin/fulcrum.mjs"), name, "--help"],
            {
              env: { ...process.env, FULCRUM_DATA: "/nonexistent-fulcrum-help" },
            },
          );
          return { name, code: 0, example: /examples?:\n\s+fulcrum |\n\s+\S.*\| fulcrum /.test(stdout) };
        } catch (error) {
          return { name, code: (error as { code?: number }).code ?? -1, example: false };
        }
      }),
    );
    expect(results.filter((result) => result.code !== 0 || !result.example)).toEqual([]);
  });
});
