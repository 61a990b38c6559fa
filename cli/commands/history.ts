/**
 * fulcrum history [--json]: what the data folder's history holds: each host with its first and
 * last sample and its series, the size on disk, and whether a recorder is writing it now.
 */
import { fulcrumDataFolder } from "../../core/data-folder.ts";
import { HistoryError } from "../../core/history/history-database.ts";
import { historyWriterHolder, openHistoryForReading } from "../../core/history/history-store.ts";
import { toJson } from "../../core/model/json.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString().replace(".000Z", "Z") : "-");

export async function historyCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { booleans: ["--json"] });
  if (flags.positionals.length > 0) throw new UsageError("usage: fulcrum history [--json]");
  const dataFolder = fulcrumDataFolder();
  let handle;
  try {
    handle = openHistoryForReading(dataFolder);
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    process.stderr.write(`fulcrum: ${error.message}\n`);
    return EXIT_FAILED;
  }
  try {
    const summary = await handle.query.summary();
    const writer = historyWriterHolder(dataFolder);
    const writing = writer === undefined ? "no recorder is writing it now" : `being written by ${writer}`;
    if (flags.booleans.has("--json")) {
      process.stdout.write(
        `${toJson({ file: handle.file, ...summary, writing: writer === undefined ? { state: "not-writing", reason: writing } : { state: "writing", by: writer } })}\n`,
      );
      return EXIT_OK;
    }
    const lines = [
      `history in ${handle.file}: ${(summary.bytesOnDisk / 1024 / 1024).toFixed(1)} MiB, ${writing}`,
    ];
    if (summary.hosts.length === 0)
      lines.push("nothing recorded yet: fulcrum record HOST (or the console) records while it runs");
    for (const host of summary.hosts)
      lines.push(`  ${host.hostId.padEnd(20)} ${iso(host.from)} .. ${iso(host.to)}  ${host.series} series`);
    process.stdout.write(`${lines.join("\n")}\n`);
    return EXIT_OK;
  } finally {
    handle.close();
  }
}
