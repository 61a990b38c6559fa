/** The lab VM's real table (test/fixtures/lab, captured from a 6.1 kernel) as planning input. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTableRead } from "../../../core/actions/read-ipvs-state.ts";
import type { VirtualService } from "../../../core/model/ipvs.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/lab");

export function labServices(): VirtualService[] {
  const list = readFileSync(join(FIXTURES, "ipvsadm-Ln-exact.txt"), "utf8");
  const thresholds = readFileSync(join(FIXTURES, "ipvsadm-Ln-thresholds.txt"), "utf8");
  return parseTableRead(`${list}--fulcrum-thresholds--\n${thresholds}`);
}
