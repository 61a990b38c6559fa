/**
 * fulcrum serve [--port N] [--host ALIAS]...: browser mode. Serves the built renderer and the API
 * over one WebSocket on 127.0.0.1 only. The printed URL carries a one-time token: the first browser
 * to open it gets a session cookie and the token is spent. Each line on stdin (Enter, in a
 * terminal) prints a new one-time URL, for another browser. It follows the hosts saved in the data
 * folder (added from the console) plus any --host for this run; with none, the built-in demo
 * cluster is shown (marked demo). Runs until Ctrl-C.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createAppCore } from "../../core/app/app-core.ts";
import { fulcrumDataFolder } from "../../core/data-folder.ts";
import { startHistoryRecorder } from "../../core/history/history-recorder.ts";
import { recorderHistory } from "../../core/app/recorder-history.ts";
import { chromiumPdfPrinter } from "./chromium-pdf.ts";
import { createConsoleSetup } from "../../core/app/console-setup.ts";
import { createEventHub } from "../../core/carrier/event-hub.ts";
import { startWebServer } from "../../core/carrier/web-server.ts";
import { EXIT_OK, UsageError } from "../exit-codes.ts";
import { checkHostAlias } from "../host-session.ts";
import {
  METRICS_BOOLEAN_FLAGS,
  METRICS_USAGE,
  METRICS_VALUE_FLAGS,
  startMetricsEndpoint,
} from "../metrics-endpoint.ts";
import { ensureRendererBuilt } from "../renderer-build.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";

const PROJECT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const WEB_DIR = path.join(PROJECT_DIR, "dist", "web");

export async function serveCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    values: [...SSH_CONFIG_FLAGS, "--port", "--interval", ...METRICS_VALUE_FLAGS],
    booleans: [...METRICS_BOOLEAN_FLAGS],
    repeated: ["--host", "--production-host"],
  });
  if (flags.positionals.length > 0)
    throw new UsageError(
      `usage: fulcrum serve [--port N] [--host ALIAS]... [--production-host ALIAS]... [${METRICS_USAGE}]`,
    );
  const port = intFlag(flags, "--port", 1024, 65535);
  const intervalSeconds = intFlag(flags, "--interval", 1, 60) ?? 2;
  const configFile = sshConfigFlag(flags);
  const production = new Set(flags.values.get("--production-host") ?? []);
  const transient = [...(flags.values.get("--host") ?? []), ...production].map((alias) => ({
    alias: checkHostAlias(alias),
    production: production.has(alias),
  }));
  await ensureRendererBuilt(PROJECT_DIR, WEB_DIR, (line) => process.stderr.write(`fulcrum serve: ${line}\n`));
  const events = createEventHub();
  const { setup, audit } = createConsoleSetup({
    events,
    intervalSeconds,
    transient,
    ...(configFile === undefined ? {} : { configFile }),
  });
  // History of the followed hosts (never the demo's), written while this runs; a folder another
  // Fulcrum already records, or that cannot be written, is said once and sampling goes on.
  const dataFolder = fulcrumDataFolder();
  const recorder = startHistoryRecorder({
    dataFolder,
    events,
    records: (hostId) => core.isRealHost(hostId),
    onNotice: (message) => process.stderr.write(`fulcrum serve: ${message}\n`),
  });
  const core = createAppCore({
    info: { version: "0.1.0", carrier: "browser" },
    events,
    hosts: [],
    setup,
    audit,
    history: recorderHistory(dataFolder, recorder),
    // Browser mode prints PDFs through Debian's Chromium, as `fulcrum report` does.
    pdfPrinter: chromiumPdfPrinter(),
  });
  const metrics = await startMetricsEndpoint(flags, async () => {
    const real = (await core.handlers.listHosts({})).filter((host) => host.kind !== "demo");
    const snapshots = await Promise.all(real.map((host) => core.handlers.getSnapshot({ hostId: host.id })));
    return snapshots.filter((snapshot) => snapshot !== null);
  });
  await core.start();
  const server = await startWebServer({
    handlers: core.handlers,
    events,
    staticDir: WEB_DIR,
    // Source maps only for a developer's build (vite build --mode development); none otherwise.
    serveSourceMaps: process.env.NODE_ENV === "development",
    onNotice: (message) => process.stderr.write(`fulcrum serve: ${message}\n`),
    ...(port === undefined ? {} : { port }),
  });
  // Ctrl-C is handled before the URL is announced: whoever reads the URL may stop us at once.
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const demo = (await core.handlers.getAppInfo({})).demo;
  process.stdout.write(
    `Fulcrum is serving on ${server.url}\n` +
      `That URL opens the console once. More tabs in the same browser: ${server.origin}/\n` +
      `Press Enter here for a new one-time URL (another browser).\n` +
      (demo ? "Showing the built-in demo cluster (simulated hosts) until you add a host.\n" : "") +
      (metrics ? `Prometheus metrics of the followed hosts (never the demo's): ${metrics.url}\n` : "") +
      "Press Ctrl-C to stop.\n",
  );
  const input = createInterface({ input: process.stdin });
  input.on("line", () => process.stdout.write(`New one-time URL: ${server.issueUrl()}\n`));
  await stopRequested;
  input.close();
  core.stop();
  recorder.stop();
  await Promise.all([server.close(), metrics?.close()]);
  return EXIT_OK;
}
