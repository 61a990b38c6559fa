/**
 * When the SSH channel closes, the loop must end on the host rather than sample forever into a
 * closed pipe: by SIGPIPE normally, and by its own write check when SIGPIPE was ignored at start
 * (as some service managers and wrappers leave it). Here the reader closes its end after the
 * first frame, with SIGPIPE ignored, and the shell must exit by itself.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";

const SHELLS: [string, string][] = [
  ["dash", "/bin/dash"],
  ["bash", "/bin/bash"],
  ["busybox ash", "/usr/bin/busybox sh"],
];

describe.each(SHELLS)("the sampling loop under %s when its reader goes away", (_name, shell) => {
  it("exits by itself even with SIGPIPE ignored", async () => {
    const script = buildSamplerScript({ intervalSeconds: 1, sections: ["netdev"] });
    const child = spawn("/bin/bash", ["-c", `trap '' PIPE; exec ${shell} -c "$FULCRUM_SCRIPT"`], {
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", FULCRUM_SCRIPT: script },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let killer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve) => {
        let seen = "";
        child.stdout.on("data", (chunk: Buffer) => {
          seen += chunk.toString("utf8");
          if (seen.includes("==END seq=1==")) {
            child.stdout.destroy();
            resolve();
          }
        });
      });
      // Bound the wait: a loop that keeps running is killed here, and the test fails on its signal.
      killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), 10_000);
      const code = await exited;
      expect(child.signalCode).toBeNull();
      expect(code).toBe(141);
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
        process.kill(child.pid, "SIGKILL");
    }
  });
});
