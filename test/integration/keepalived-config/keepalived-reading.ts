/**
 * keepalived's own reading of a config, for the differential test: the real keepalived 2.2.7
 * started in a network namespace of the test's making, with `--dump-conf` (-d) and console
 * logging, once VRRP only (-P: the VRRP child dumps instances, scripts and track files) and once
 * checker only (-C: without IPVS in this kernel the checker exits at once, and on the way it logs
 * "Shutting down service [RS]:proto:port from VS [VIP]:proto:port" for every real server it read).
 * What it printed is read into the same comparable shape as Fulcrum's reading (comparable.ts).
 */
import { spawn } from "node:child_process";
import { killQuietly } from "../harness/cleanup-registry.ts";
import { descendantsOf, isAlive } from "../harness/process-tree.ts";
import type { Comparable, ComparableInstance } from "./comparable.ts";

// "Mon Dec  7 11:58:10 2026: " before every line with -l
const STAMP = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}: /;

export interface RunOptions {
  namespace: string;
  configFile: string;
  configId: string;
  /** A directory of this run's own: pid files and TMPDIR. */
  dir: string;
  mode: "-P" | "-C";
  /** Stop as soon as a line matches (the dump is complete). */
  doneWhen: RegExp;
  timeoutMs?: number;
}

/** keepalived's log lines (stamps removed) until `doneWhen` matched or it exited. */
export function runKeepalived(options: RunOptions): Promise<string[]> {
  const child = spawn(
    "ip",
    [
      "netns",
      "exec",
      options.namespace,
      "keepalived",
      "-n",
      "-l",
      "-D",
      "-d",
      options.mode,
      "-i",
      options.configId,
      "-f",
      options.configFile,
      "-p",
      `${options.dir}/keepalived.pid`,
      "--vrrp_pid",
      `${options.dir}/vrrp.pid`,
      "--checkers_pid",
      `${options.dir}/checkers.pid`,
    ],
    { env: { ...process.env, TMPDIR: options.dir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  let partial = "";
  return new Promise<string[]>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop(child.pid);
      if (error) reject(error);
      else resolve(lines);
    };
    const onData = (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      for (const part of parts) {
        const line = part.replace(STAMP, "");
        lines.push(line);
        if (options.doneWhen.test(line)) finish();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => finish(error));
    child.on("close", () => finish());
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `keepalived ${options.mode} on ${options.configFile}: no complete dump in time:\n${lines.join("\n")}`,
          ),
        ),
      options.timeoutMs ?? 8000,
    );
  });
}

/** keepalived and its children, by PID: the dump is read, nothing else is wanted from them. */
function stop(pid: number | undefined): void {
  if (pid === undefined || !isAlive(pid)) return;
  for (const descendant of descendantsOf(pid).reverse()) killQuietly(descendant, "SIGKILL");
  killQuietly(pid, "SIGKILL");
}

const indent = (line: string): number => line.length - line.trimStart().length;

/** The VRRP child's --dump-conf: instances with their tracking, track files and scripts. */
export function readVrrpDump(lines: readonly string[]): Omit<Comparable, "virtualServers"> {
  const reading: Omit<Comparable, "virtualServers"> = { instances: [], trackFiles: [], scripts: [] };
  let section = "";
  let instance: ComparableInstance | undefined;
  let list: "vips" | "scripts" | "files" | undefined;
  let trackFile: Comparable["trackFiles"][number] | undefined;
  let script: Comparable["scripts"][number] | undefined;
  for (const line of lines) {
    const heading = /^------< (.*) >------$/.exec(line);
    if (heading) {
      section = heading[1] ?? "";
      instance = undefined;
      list = undefined;
      continue;
    }
    const text = line.trim();
    if (section === "VRRP Topology") {
      const name = /^ VRRP Instance = (.+)$/.exec(line);
      if (name) {
        instance = {
          name: name[1] ?? "",
          state: "",
          interface: "",
          vrid: 0,
          priority: 0,
          advertMs: 0,
          vips: [],
          trackScripts: [],
          trackFiles: [],
        };
        reading.instances.push(instance);
        list = undefined;
        continue;
      }
      if (!instance) continue;
      if (list && indent(line) >= 5) {
        if (list === "vips") instance.vips.push(text.split(" ")[0] ?? "");
        else if (list === "scripts") {
          const m = /^(\S+) weight (-?\d+)/.exec(text);
          if (m) instance.trackScripts.push(`${m[1]} ${m[2]}`);
        } else {
          const m = /^(\S+), weight (-?\d+)/.exec(text);
          if (m) instance.trackFiles.push(`${m[1]} ${m[2]}`);
        }
        continue;
      }
      list = undefined;
      let m: RegExpExecArray | null;
      if ((m = /^Wantstate = (\S+)$/.exec(text))) instance.state = m[1] ?? "";
      else if ((m = /^Interface = (\S+)$/.exec(text))) instance.interface = m[1] ?? "";
      else if ((m = /^Virtual Router ID = (\d+)$/.exec(text))) instance.vrid = Number(m[1]);
      else if ((m = /^Priority = (\d+)$/.exec(text))) instance.priority = Number(m[1]);
      else if ((m = /^Advert interval = (\d+) (sec|milli-sec)$/.exec(text)))
        instance.advertMs = Number(m[1]) * (m[2] === "sec" ? 1000 : 1);
      else if (/^Virtual IP \(\d+\):$/.test(text)) list = "vips";
      else if (text === "Tracked scripts :") list = "scripts";
      else if (text === "Tracked files :") list = "files";
    } else if (section === "VRRP Track files") {
      const name = /^ Track file = (.+)$/.exec(line);
      if (name) {
        trackFile = { name: name[1] ?? "", file: "", weight: 0 };
        reading.trackFiles.push(trackFile);
      } else if (trackFile && indent(line) === 3) {
        const file = /^File = (.*)$/.exec(text);
        const weight = /^Weight = (-?\d+)/.exec(text);
        if (file) trackFile.file = file[1] ?? "";
        if (weight) trackFile.weight = Number(weight[1]);
      }
    } else if (section === "VRRP Scripts") {
      const name = /^ VRRP Script = (.+)$/.exec(line);
      if (name) {
        script = { name: name[1] ?? "", weight: 0 };
        reading.scripts.push(script);
      } else if (script && indent(line) === 3) {
        const weight = /^Weight = (-?\d+)/.exec(text);
        if (weight) script.weight = Number(weight[1]);
      }
    }
  }
  return reading;
}

// "Shutting down service [10.0.0.1]:tcp:80 from VS [192.0.2.50]:tcp:80", "... from VS FWM 7"
const SHUTDOWN =
  /^Shutting down service \[([^\]]+)\]:(\w+):(\d+) from VS (?:\[([^\]]+)\]:(\w+):(\d+)|FWM (\d+))$/;

/** The checker's log on its way out: each real server of each virtual server, as "VS -> RS". */
export function readCheckerShutdown(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const m = SHUTDOWN.exec(line);
    if (!m) return [];
    const service = m[7] !== undefined ? `fwmark ${m[7]}` : `${m[5]} [${m[4]}]:${m[6]}`;
    return [`${service} -> [${m[1]}]:${m[3]}`];
  });
}
