/**
 * The IPVS table every action CLI test starts from, built with the shim's own commands:
 *   WEB   192.0.2.10:80 wrr   RS1 masq 3, RS2 masq 1        (traffic: 20 new connections/s)
 *   SOLO  192.0.2.20:80 wrr   RS5 masq 2                     (one weighted backend: guard)
 *   QUIET 192.0.2.30:80 wrr   RS7 masq 1, RS8 route 1        (no traffic: a drain is at once safe)
 */
import type { ActionTestHost } from "./action-test-host.ts";

export const WEB = "192.0.2.10:80";
export const SOLO = "192.0.2.20:80";
export const QUIET = "192.0.2.30:80";
export const RS1 = "198.51.100.1:80";
export const RS2 = "198.51.100.2:80";
export const RS5 = "198.51.100.5:80";
export const RS7 = "198.51.100.7:80";
export const RS8 = "198.51.100.8:80";

export async function buildDirectorTable(host: ActionTestHost): Promise<void> {
  await host.resetTable();
  host.ipvsadm(["-A", "-t", WEB, "-s", "wrr"], { FULCRUM_SIM_CPS: "20" });
  host.ipvsadm(["-a", "-t", WEB, "-r", RS1, "-m", "-w", "3"]);
  host.ipvsadm(["-a", "-t", WEB, "-r", RS2, "-m", "-w", "1"]);
  host.ipvsadm(["-A", "-t", SOLO, "-s", "wrr"], { FULCRUM_SIM_CPS: "0" });
  host.ipvsadm(["-a", "-t", SOLO, "-r", RS5, "-m", "-w", "2"]);
  host.ipvsadm(["-A", "-t", QUIET, "-s", "wrr"], { FULCRUM_SIM_CPS: "0" });
  host.ipvsadm(["-a", "-t", QUIET, "-r", RS7, "-m", "-w", "1"]);
  host.ipvsadm(["-a", "-t", QUIET, "-r", RS8, "-g", "-w", "1"]);
}
