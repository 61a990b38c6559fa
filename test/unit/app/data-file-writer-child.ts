// Another Fulcrum process writing the data folder: run as
//   node data-file-writer-child.ts hosts|keys FILE PREFIX COUNT
// It prints "ready", waits for one line on stdin (so every writer starts at once), then makes COUNT
// concurrent adds through the production code (HostInventory.add or addTrustedKey), prints "done".
import { createInterface } from "node:readline";
import { HostInventory } from "../../../core/app/host-inventory.ts";
import { addTrustedKey } from "../../../core/ssh/trust-store.ts";
import { testHostKey } from "./test-host-key.ts";

const [kind, file, prefix, countText] = process.argv.slice(2);
if ((kind !== "hosts" && kind !== "keys") || !file || !prefix || !countText) {
  process.stderr.write("usage: data-file-writer-child.ts hosts|keys FILE PREFIX COUNT\n");
  process.exit(2);
}
const names = Array.from({ length: Number(countText) }, (_, i) => `${prefix}-${i}`);
process.stdout.write("ready\n");
const input = createInterface({ input: process.stdin });
input.once("line", () => {
  input.close();
  const inventory = new HostInventory(file);
  const writes = names.map((name) =>
    kind === "hosts"
      ? inventory.add(name, false)
      : addTrustedKey(file, { name, port: 22 }, testHostKey(name)),
  );
  Promise.all(writes).then(
    () => process.stdout.write("done\n"),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
