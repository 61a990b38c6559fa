/**
 * A history writer in a process of its own, for the SIGKILL test: it writes a batch of 500 points
 * per flush, forever, and after each committed flush prints the number of points committed so far.
 * Run: node writer-child.ts DATA_FOLDER
 */
import { openHistoryForWriting } from "../../../core/history/history-store.ts";

const folder = process.argv[2];
if (!folder) throw new Error("usage: writer-child.ts DATA_FOLDER");
const history = openHistoryForWriting(folder);
const subject = {
  kind: "ipvs-backend" as const,
  hostId: "lb1",
  service: "203.0.113.10:80",
  backend: "192.0.2.11:80",
};
let at = Date.UTC(2026, 11, 1);
let value = 0n;
let committed = 0;
for (;;) {
  const batch = [];
  for (let i = 0; i < 500; i++) {
    at += 2000;
    value += 3n;
    batch.push({ subject, metric: "conns" as const, at, value });
  }
  history.writer.append(batch);
  const status = history.writer.flush();
  if (status.state !== "writing") throw new Error(status.reason);
  committed += batch.length;
  process.stdout.write(`committed ${committed}\n`);
}
