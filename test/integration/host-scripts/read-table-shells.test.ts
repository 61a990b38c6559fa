/**
 * The table read actions send (read-ipvs-table.sh after tools.sh and privilege.sh) run for real under dash, bash
 * and busybox ash, through readIpvsTable, against a stand-in ipvsadm that prints the lab VM's real
 * listings (test/fixtures/lab, a 6.1 kernel): the thresholds the default listing leaves out must
 * arrive joined onto it, and a failing ipvsadm must stop the read with its message.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIpvsTable, TableReadError } from "../../../core/actions/read-ipvs-state.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { localExecutor, SHELLS } from "./local-executor.ts";

const LAB = path.resolve(import.meta.dirname, "../../fixtures/lab");
const skip = missingPrerequisites(
  executable("/bin/dash", "dash"),
  executable("/usr/bin/busybox", "busybox-static"),
);

// Prints the capture for the listing asked for; the thresholds listing fails while a file says so.
const STAND_IN = `#!/bin/sh
case " $* " in
  *" --thresholds "*) [ -e "\${0%/*}/fail-thresholds" ] && { echo "Memory allocation problem" >&2; exit 2; }; exec cat '${LAB}/ipvsadm-Ln-thresholds.txt' ;;
  *) exec cat '${LAB}/ipvsadm-Ln-exact.txt' ;;
esac
`;

describe.skipIf(skip).each(SHELLS)("the table read under %s", (_name, shell) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fulcrum-read-table-"));
    await writeFile(path.join(dir, "ipvsadm"), STAND_IN);
    await chmod(path.join(dir, "ipvsadm"), 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("joins the thresholds onto the listing", async () => {
    const services = await readIpvsTable(localExecutor(shell, `${dir}:/usr/bin:/bin`));
    const nat = services[0];
    expect(services.length).toBeGreaterThan(1);
    expect(nat?.realServers.map((server) => [server.address, server.weight, server.upperThreshold, server.lowerThreshold])).toEqual([
      ["192.0.2.11", 3, 1000, 800],
      ["192.0.2.12", 1, 500, 0],
      ["192.0.2.13", 0, 0, 0],
    ]);
  });

  it("stops at a failing listing with ipvsadm's message", async () => {
    await writeFile(path.join(dir, "fail-thresholds"), "");
    try {
      const read = readIpvsTable(localExecutor(shell, `${dir}:/usr/bin:/bin`));
      await expect(read).rejects.toBeInstanceOf(TableReadError);
      await expect(read).rejects.toThrow("ipvsadm -Ln failed (exit 2): Memory allocation problem");
    } finally {
      await rm(path.join(dir, "fail-thresholds"));
    }
  });
});
