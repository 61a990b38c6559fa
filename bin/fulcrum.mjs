#!/usr/bin/env node
// Entry point of the `fulcrum` command. The CLI is TypeScript run by Node's own type stripping,
// which needs Node >= 22.18. When started by an older Node (Debian's node, say), re-run under the
// Node 24 that package.json pins in node_modules, so `./bin/fulcrum.mjs` works from any shell.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "cli", "fulcrum.ts");
const [major, minor] = process.versions.node.split(".").map(Number);
const supported = major > 22 || (major === 22 && minor >= 18);

if (supported) {
  await import(entry);
} else {
  const pinned = join(root, "node_modules", "node", "bin", "node");
  if (!existsSync(pinned)) {
    process.stderr.write(`fulcrum: needs Node >= 22.18 (this is ${process.version}); run \`npm install\` first.\n`);
    process.exit(2);
  }
  const result = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
