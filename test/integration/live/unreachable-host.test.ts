// A host that is down: one-shot commands answer with the first failed attempt instead of retrying
// forever. Only 127.0.0.1 is contacted, on a port nothing listens on.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/free-port.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

let home: TestHome;

describe("an unreachable host", () => {
  beforeAll(async () => {
    home = await createTestHome();
    const port = await freePort("127.0.0.1");
    await home.writeSshConfig(
      `Host down\n  HostName 127.0.0.1\n  Port ${port}\n  User root\n  IdentityAgent none\n  ConnectTimeout 5\n`,
    );
  });
  afterAll(async () => {
    await home?.dispose();
  });

  it("fulcrum snapshot fails at once with exit 1 and says why", async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["bin/fulcrum.mjs", "snapshot", "down"], {
        env: { ...process.env, HOME: home.home },
      });
      let stderr = "";
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (exitCode) => {
        clearTimeout(killer);
        resolve({ code: exitCode, stderr });
      });
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^fulcrum: down: \S+: /);
  }, 40_000);
});
