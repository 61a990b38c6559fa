/** IPVS parsers: ipvsadm (every list form, save, connections) and /proc/net/ip_vs*. All pure. */
export { parseLargeNum, splitLargeNums, type LargeNum } from "./largenum.ts";
export { parseIpvsadmList } from "./ipvsadm-list.ts";
export { parseIpvsadmSave } from "./ipvsadm-save.ts";
export { parseIpvsadmConnections } from "./ipvsadm-conn.ts";
export { parseProcIpVs, type ProcIpVsOptions } from "./proc-ip-vs.ts";
export { parseProcIpVsStats } from "./proc-ip-vs-stats.ts";
export { parseProcIpVsConn } from "./proc-ip-vs-conn.ts";
export { detectIpvsadmKind, parseIpvsadm, type IpvsadmKind, type IpvsadmParsed } from "./detect.ts";
