/**
 * Byte-for-byte comparison of the simulator's output with real ipvsadm 1.31 / kernel 6.1 output
 * captured in the qemu lab (test/fixtures/lab, see its README.md). Every capture present is
 * compared; when none is, the tests are skipped and say so.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIpvsadm, type IpvsadmListOptions } from "../../../core/sim/format-ipvsadm.ts";
import { formatProcIpVs, formatProcIpVsStats } from "../../../core/sim/format-proc-ipvs.ts";
import { ipvsadmVersionLine } from "../../../core/sim/ipvsadm-arguments.ts";
import { runIpvsadm } from "../../../core/sim/ipvsadm-run.ts";
import type { IpvsSimState } from "../../../core/sim/sim-types.ts";
import { buildLabTable, loadCaptureNumbers, readCapture } from "./lab-capture-replay.ts";

const LAB = join(import.meta.dirname, "../../fixtures/lab");
const CAPTURE_DIRS = [LAB, join(LAB, "large")].filter((dir) =>
  existsSync(join(dir, "ipvsadm-Ln-stats-exact.txt")),
);

const LIST_FORMS: Record<string, IpvsadmListOptions> = {
  "ipvsadm-Ln.txt": { form: "list" },
  "ipvsadm-Ln-exact.txt": { form: "list", exact: true },
  "ipvsadm-Ln-stats.txt": { form: "stats" },
  "ipvsadm-Ln-stats-exact.txt": { form: "stats", exact: true },
  "ipvsadm-Ln-rate.txt": { form: "rate" },
  "ipvsadm-Ln-rate-exact.txt": { form: "rate", exact: true },
  "ipvsadm-Ln-persistent-conn.txt": { form: "persistent-conn" },
  "ipvsadm-Ln-thresholds.txt": { form: "thresholds" },
  "ipvsadm-Ln-tun-info.txt": { form: "tun-info" },
  "ipvsadm-Sn.txt": { form: "save" },
  "ipvsadm-save-n.txt": { form: "save" },
};

/**
 * The kernel salts its service hash with a pointer ((size_t)ipvs >> 8), so the /proc order of a
 * real capture cannot be known in advance: find the salt bytes that reproduce it. The assertion
 * that matters is that one exists: every line, and the order given by the hash, must then match.
 */
function saltsReproducing(dir: string, files: Set<string>): number[] {
  const expected = readCapture(dir, "proc-net-ip_vs.txt");
  const salts: number[] = [];
  for (let salt = 0; salt < 256; salt++) {
    const state = buildLabTable(salt);
    loadCaptureNumbers(state, dir, files);
    if (formatProcIpVs(state) === expected) salts.push(salt);
  }
  return salts;
}

it.skipIf(CAPTURE_DIRS.length > 0)(
  "lab captures: none in test/fixtures/lab, comparison skipped (run test/lab/capture-fixtures.sh)",
  () => {},
);

describe("lab captures", () => {
  for (const dir of CAPTURE_DIRS) {
    const files = new Set(readdirSync(dir));
    const name = dir === LAB ? "main capture" : "large capture";
    describe(name, () => {
      const salts = files.has("proc-net-ip_vs.txt") ? saltsReproducing(dir, files) : [0];
      const state: IpvsSimState = buildLabTable(salts[0] ?? 0);
      loadCaptureNumbers(state, dir, files);

      for (const [file, options] of Object.entries(LIST_FORMS)) {
        it.skipIf(!files.has(file))(`${file} equals the simulator byte for byte`, () => {
          expect(formatIpvsadm(state, options)).toBe(readCapture(dir, file));
        });
      }

      it.skipIf(!files.has("proc-net-ip_vs.txt"))(
        "proc-net-ip_vs.txt is reproduced by some hash salt",
        () => {
          expect(salts.length).toBeGreaterThan(0);
          expect(formatProcIpVs(state)).toBe(readCapture(dir, "proc-net-ip_vs.txt"));
        },
      );

      it.skipIf(!files.has("proc-net-ip_vs_stats.txt"))(
        "proc-net-ip_vs_stats.txt equals the simulator byte for byte",
        () => {
          expect(formatProcIpVsStats(state)).toBe(readCapture(dir, "proc-net-ip_vs_stats.txt"));
        },
      );

      it.skipIf(!files.has("ipvsadm-version.txt"))("ipvsadm-version.txt equals --version", () => {
        expect(ipvsadmVersionLine()).toBe(readCapture(dir, "ipvsadm-version.txt"));
        expect(runIpvsadm(state, "ipvsadm", ["--version"]).stdout).toBe(
          readCapture(dir, "ipvsadm-version.txt"),
        );
      });

      it.skipIf(!files.has("ipvsadm-Sn.txt"))(
        "restoring ipvsadm-Sn.txt with -R rebuilds the same rules",
        () => {
          const restored = buildLabTable(0);
          expect(runIpvsadm(restored, "ipvsadm", ["-C"]).exitCode).toBe(0);
          const result = runIpvsadm(restored, "ipvsadm", ["-R"], readCapture(dir, "ipvsadm-Sn.txt"));
          expect(result).toEqual({ stdout: "", stderr: "", exitCode: 0 });
          expect(runIpvsadm(restored, "ipvsadm", ["-Sn"]).stdout).toBe(readCapture(dir, "ipvsadm-Sn.txt"));
        },
      );
    });
  }
});
