/**
 * ipvsadm.c parse_options() and the checks of process_options(), turned into a command entry:
 * which command, which service and destination, which list format. Each refusal carries
 * ipvsadm's own message and exit code (found in ipvsadm.c 1.31; fail() prints the message and a
 * newline to stderr).
 */
import { isIpv4, isIpv6, canonicalAddress } from "../model/address.ts";
import { poptParse, type ParsedOption } from "./ipvsadm-options.ts";
import type { SimFamily, SimForward, SimProtocol, SimTunnelType } from "./sim-types.ts";

export class IpvsadmExit extends Error {
  readonly exitCode: number;
  readonly stderr: string;
  readonly stdout: string;

  constructor(exitCode: number, stderr: string, stdout = "") {
    super(stderr.trim() || `exit ${exitCode}`);
    this.name = "IpvsadmExit";
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.stdout = stdout;
  }
}

function fail(message: string): never {
  throw new IpvsadmExit(2, `${message}\n`);
}

export function tryHelp(program: string): never {
  throw new IpvsadmExit(255, `Try \`${program} -h' or '${program} --help' for more information.\n`);
}

export type IpvsadmCommand =
  | "add-service"
  | "edit-service"
  | "delete-service"
  | "flush"
  | "list"
  | "add-server"
  | "delete-server"
  | "edit-server"
  | "set"
  | "start-daemon"
  | "stop-daemon"
  | "restore"
  | "save"
  | "zero";

// In the order of ipvsadm.c's cmdnames / optnames: the check table below is indexed by them.
const COMMANDS: IpvsadmCommand[] = [
  "add-service",
  "edit-service",
  "delete-service",
  "flush",
  "list",
  "add-server",
  "delete-server",
  "edit-server",
  "set",
  "start-daemon",
  "stop-daemon",
  "restore",
  "save",
  "zero",
];
const OPTION_NAMES = [
  "numeric",
  "connection",
  "service-address",
  "scheduler",
  "persistent",
  "netmask",
  "real-server",
  "forwarding-method",
  "weight",
  "u-threshold",
  "l-threshold",
  "mcast-interface",
  "timeout",
  "daemon",
  "stats",
  "rate",
  "thresholds",
  "persistent-conn",
  "nosort",
  "syncid",
  "exact",
  "ops",
  "pe",
  "sched-flags",
  "mcast-group",
  "mcast-port",
  "mcast-ttl",
  "sync-maxlen",
  "tun-info",
  "tun-type",
  "tun-port",
  "tun-nocsum",
  "tun-csum",
  "tun-remcsum",
];
// commands_v_options: '+' compulsory, 'x' illegal, '1' exclusive, ' ' optional; one column per option.
const CHECKS = [
  "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx",
  "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx",
  "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  " 11xxxxxxxxx11       xxxxxxx xxxxx",
  "xx+xxx+    xxxxxxxxxxxxxxxxxx     ",
  "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "xx+xxx+    xxxxxxxxxxxxxxxxxx     ",
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx",
  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx",
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
];

const COMMAND_TAGS: Record<string, IpvsadmCommand> = {
  A: "add-service",
  E: "edit-service",
  D: "delete-service",
  a: "add-server",
  e: "edit-server",
  d: "delete-server",
  C: "flush",
  L: "list",
  Z: "zero",
  set: "set",
  R: "restore",
  S: "save",
  "start-daemon": "start-daemon",
  "stop-daemon": "stop-daemon",
};

/** getservbyname() for the names /etc/services gives the ports operators write most. */
const SERVICE_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  ssh: 22,
  domain: 53,
  ftp: 21,
  smtp: 25,
  mysql: 3306,
  "http-alt": 8080,
  ldap: 389,
  imap2: 143,
  pop3: 110,
  ntp: 123,
  snmp: 161,
  sip: 5060,
};

export interface EntryService {
  protocol: SimProtocol;
  family: SimFamily;
  address?: string;
  port: number;
  fwmark: number;
  scheduler: string;
  persistent?: number;
  netmask: number;
  pe: string;
  onePacket: boolean;
  schedFlags: number;
}

export interface EntryDest {
  family: SimFamily;
  address: string;
  port: number;
  forward: SimForward;
  weight: number;
  upperThreshold: number;
  lowerThreshold: number;
  tunnelType: SimTunnelType;
  tunnelPort: number;
  tunnelFlags: number;
}

export interface IpvsadmEntry {
  command: IpvsadmCommand;
  /** OPTION_NAMES present. */
  options: Set<string>;
  service: EntryService;
  dest: EntryDest;
  timeouts?: [number, number, number];
}

const SERVICE_ADDR = 1;
const SERVICE_PORT = 2;

/** parse_service(): SERVICE_ADDR | SERVICE_PORT bits, and the parsed values. */
function parseServiceText(
  text: string,
  protocol: SimProtocol,
): { bits: number; family: SimFamily; address: string; port?: number } {
  const none = { bits: 0, family: "inet" as SimFamily, address: "" };
  if (/^\d*$/.test(text)) return none;
  let host = text;
  let portText: string | undefined;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0 || text[close + 1] !== ":") return none;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
  }
  let family: SimFamily;
  if (isIpv6(host)) family = "inet6";
  else {
    if (portText === undefined) {
      const colon = host.lastIndexOf(":");
      if (colon >= 0) {
        portText = host.slice(colon + 1);
        host = host.slice(0, colon);
      }
    }
    if (!isIpv4(host)) return none;
    family = "inet";
  }
  const address = canonicalAddress(host) ?? host;
  if (portText === undefined) return { bits: SERVICE_ADDR, family, address };
  const port =
    stringToNumber(portText, 0, 65535) ??
    (protocol === "tcp" || protocol === "udp" || protocol === "sctp" ? SERVICE_PORTS[portText] : undefined);
  if (port === undefined) return none;
  return { bits: SERVICE_ADDR | SERVICE_PORT, family, address, port };
}

/** string_to_number(): a whole decimal (strtol, so a sign is allowed) within [min, max]. */
function stringToNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\s*[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function parseSchedFlags(scheduler: string, text: string): number {
  const sched = scheduler || "wlc";
  let flags = 0;
  for (const flag of text.split(",").filter((f) => f !== "")) {
    const bit = {
      "flag-1": 1,
      "flag-2": 2,
      "flag-3": 4,
      "sh-fallback": 1,
      "sh-port": 2,
      "mh-fallback": 1,
      "mh-port": 2,
    }[flag];
    if (bit === undefined) fail(`invalid scheduler flag \`${flag}'`);
    if ((flag.startsWith("sh-") && sched !== "sh") || (flag.startsWith("mh-") && sched !== "mh"))
      fail(`incompatible scheduler flag \`${flag}'`);
    flags |= bit;
  }
  return flags;
}

/** parse_options() + the checks at the top of process_options(). */
export function parseIpvsadmArguments(program: string, args: readonly string[]): IpvsadmEntry {
  const parsed = poptParse(args);
  const first = parsed.options[0];
  if (!first || (!parsed.ok && parsed.options.length === 0)) tryHelp(program);
  if (first.tag === "h")
    throw new IpvsadmExit(
      0,
      "",
      `${ipvsadmVersionLine()}Usage:\n  ${program} -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]\n`,
    );
  if (first.tag === "v") throw new IpvsadmExit(0, "", ipvsadmVersionLine());
  const command = COMMAND_TAGS[first.tag];
  if (!command) tryHelp(program);
  if (first.tag === "start-daemon" || first.tag === "stop-daemon") {
    if (first.value !== "master" && first.value !== "backup")
      fail(
        first.tag === "start-daemon"
          ? "illegal start-daemon parameter specified"
          : "illegal start_daemon specified",
      );
  }

  const entry: IpvsadmEntry = {
    command,
    options: new Set(),
    service: {
      protocol: "tcp",
      family: "inet",
      port: 0,
      fwmark: 0,
      scheduler: "",
      netmask: 0xffffffff,
      pe: "",
      onePacket: false,
      schedFlags: 0,
    },
    // process_options: weight 1 and direct routing unless the command line says otherwise.
    dest: {
      family: "inet",
      address: "",
      port: 0,
      forward: "route",
      weight: 1,
      upperThreshold: 0,
      lowerThreshold: 0,
      tunnelType: "ipip",
      tunnelPort: 0,
      tunnelFlags: 0,
    },
  };
  const set = (name: string): void => {
    if (entry.options.has(name)) fail(`multiple '${name}' options specified`);
    entry.options.add(name);
  };
  let schedFlagsText = "";
  for (const option of parsed.options.slice(1))
    applyOption(entry, option, set, (text) => (schedFlagsText = text));
  if (!parsed.ok) throw new IpvsadmExit(255, `${parsed.word}: ${parsed.reason}\n`);

  const leftovers = [...parsed.leftovers];
  if (command === "set") {
    if (leftovers.length < 3) fail("--set option requires 3 timeout values");
    const values = leftovers
      .splice(0, 3)
      .map((v) => stringToNumber(v, 0, 86400 * 31) ?? fail(`invalid timeout value \`${v}' specified`));
    entry.timeouts = values as [number, number, number];
  }
  if (leftovers.length > 0) fail(`unexpected argument ${leftovers[0]}`);
  if (schedFlagsText) entry.service.schedFlags = parseSchedFlags(entry.service.scheduler, schedFlagsText);
  checkCommandOptions(entry);
  return entry;
}

function applyOption(
  entry: IpvsadmEntry,
  option: ParsedOption,
  set: (name: string) => void,
  schedFlags: (text: string) => void,
): void {
  const svc = entry.service;
  const dest = entry.dest;
  const value = option.value ?? "";
  switch (option.tag) {
    case "t":
    case "u":
    case "sctp": {
      set("service-address");
      svc.protocol = option.tag === "t" ? "tcp" : option.tag === "u" ? "udp" : "sctp";
      const result = parseServiceText(value, svc.protocol);
      if (!(result.bits & SERVICE_ADDR)) fail("illegal virtual server address[:port] specified");
      svc.family = result.family;
      svc.address = result.address;
      if (result.family === "inet6") svc.netmask = 128;
      if (result.port !== undefined) svc.port = result.port;
      return;
    }
    case "f": {
      set("service-address");
      svc.family = "inet";
      svc.protocol = "tcp";
      const mark = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
      if (!(mark > 0 && mark <= 0xffffffff)) fail(`invalid fwmark value \`${value}' specified`);
      svc.fwmark = mark;
      return;
    }
    case "s":
      set("scheduler");
      svc.scheduler = value.slice(0, 15);
      return;
    case "p": {
      set("persistent");
      if (option.value === undefined) svc.persistent = 300;
      else
        svc.persistent =
          stringToNumber(value, 1, 86400 * 31) ?? fail(`invalid timeout value \`${value}' specified`);
      return;
    }
    case "M":
      set("netmask");
      if (svc.family !== "inet6") {
        if (!isIpv4(value)) fail("illegal virtual server persistent mask specified");
        const [a, b, c, d] = value.split(".").map(Number) as [number, number, number, number];
        svc.netmask = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
      } else {
        const prefix = parseInt(value, 10);
        if (!(prefix >= 1 && prefix <= 128)) fail("illegal ipv6 netmask specified");
        svc.netmask = prefix;
      }
      return;
    case "r": {
      set("real-server");
      const result = parseServiceText(value, svc.protocol);
      if (!(result.bits & SERVICE_ADDR)) fail("illegal real server address[:port] specified");
      dest.family = result.family;
      dest.address = result.address;
      // "copy vport to dport if not specified"
      dest.port = result.bits === SERVICE_ADDR ? svc.port : (result.port ?? 0);
      return;
    }
    case "i":
    case "g":
    case "m":
      set("forwarding-method");
      dest.forward = option.tag === "i" ? "tunnel" : option.tag === "g" ? "route" : "masq";
      return;
    case "w":
      set("weight");
      dest.weight = stringToNumber(value, 0, 65535) ?? fail("illegal weight specified");
      return;
    case "x":
      set("u-threshold");
      dest.upperThreshold = stringToNumber(value, 0, 2147483647) ?? fail("illegal u_threshold specified");
      return;
    case "y":
      set("l-threshold");
      dest.lowerThreshold = stringToNumber(value, 0, 2147483647) ?? fail("illegal l_threshold specified");
      return;
    case "6":
      if (!svc.fwmark) fail("-6 used before -f\n");
      svc.family = "inet6";
      svc.netmask = 128;
      return;
    case "o":
      set("ops");
      svc.onePacket = true;
      return;
    case "pe":
      set("pe");
      svc.pe = value;
      return;
    case "b":
      set("sched-flags");
      schedFlags(value);
      return;
    case "tun-type":
      set("tun-type");
      if (value !== "ipip" && value !== "gue" && value !== "gre") fail("illegal tunnel type specified");
      dest.tunnelType = value;
      return;
    case "tun-port":
      set("tun-port");
      dest.tunnelPort = stringToNumber(value, 1, 65535) ?? fail("illegal tunnel port specified");
      return;
    case "tun-nocsum":
    case "tun-csum":
    case "tun-remcsum":
      set(option.tag);
      dest.tunnelFlags = option.tag === "tun-nocsum" ? 0 : option.tag === "tun-csum" ? 1 : 2;
      return;
    case "syncid":
      set("syncid");
      if (stringToNumber(value, 0, 255) === undefined) fail("illegal syncid specified");
      return;
    case "mcast-port":
      set("mcast-port");
      if (stringToNumber(value, 1, 65535) === undefined) fail("illegal mcast-port specified");
      return;
    case "mcast-ttl":
      set("mcast-ttl");
      if (stringToNumber(value, 1, 255) === undefined) fail("illegal mcast-ttl specified");
      return;
    case "sync-maxlen":
      set("sync-maxlen");
      if (stringToNumber(value, 1, 65535 - 20 - 8) === undefined) fail("illegal sync-maxlen specified");
      return;
    case "mcast-group":
      set("mcast-group");
      return;
    case "mcast-interface":
      set("mcast-interface");
      return;
    case "n":
      set("numeric");
      return;
    case "c":
      set("connection");
      return;
    case "X":
      set("exact");
      return;
    case "sort":
      return;
    case "timeout":
    case "daemon":
    case "stats":
    case "rate":
    case "thresholds":
    case "persistent-conn":
    case "nosort":
    case "tun-info":
      set(option.tag);
      return;
    default:
      fail(`invalid option \`${option.word}'`);
  }
}

/** generic_opt_check(), then the service and destination rules of process_options(). */
function checkCommandOptions(entry: IpvsadmEntry): void {
  const row = CHECKS[COMMANDS.indexOf(entry.command)] as string;
  let exclusive: string | undefined;
  OPTION_NAMES.forEach((name, j) => {
    const rule = row[j];
    if (!entry.options.has(name)) {
      if (rule === "+") fail(`You need to supply the '${name}' option for the '${entry.command}' command`);
      return;
    }
    if (rule === "x") fail(`Illegal '${name}' option with the '${entry.command}' command`);
    if (rule === "1") {
      if (exclusive === undefined) exclusive = name;
      else
        fail(
          `The option '${name}' conflicts with the '${exclusive}' option in the '${entry.command}' command`,
        );
    }
  });
  const svc = entry.service;
  if (entry.command === "add-service" || entry.command === "edit-service") {
    if (!svc.fwmark && !svc.port && svc.persistent === undefined)
      fail("Zero port specified for non-persistent service");
    if (svc.onePacket && !svc.fwmark && svc.protocol !== "udp")
      fail("One-Packet Scheduling is only for UDP virtual services");
    if (svc.scheduler === "") svc.scheduler = "wlc";
  }
  if (entry.command === "add-server" || entry.command === "edit-server") {
    const dest = entry.dest;
    // DR and TUN cannot change the port: the destination port is the service port.
    if (!svc.fwmark && (dest.forward === "tunnel" || dest.forward === "route")) dest.port = svc.port;
    if (dest.family !== svc.family && dest.forward !== "tunnel")
      fail("Different address family is allowed only for tunneling servers");
    const tunnelOptions = ["tun-type", "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum"].filter((o) =>
      entry.options.has(o),
    );
    if (tunnelOptions.length > 0 && dest.forward !== "tunnel")
      fail("Tunnel options conflict with forward method");
    checkTunnelOptions(entry);
  }
}

// tunnel_types_v_options: columns tun-port, tun-nocsum, tun-csum, tun-remcsum.
const TUNNEL_CHECKS: Record<SimTunnelType, string> = { ipip: "xxxx", gue: "+111", gre: "x11x" };
const TUNNEL_OPTION_NAMES = ["tun-port", "tun-nocsum", "tun-csum", "tun-remcsum"];

function checkTunnelOptions(entry: IpvsadmEntry): void {
  const type = entry.dest.tunnelType;
  let exclusive: string | undefined;
  TUNNEL_OPTION_NAMES.forEach((name, j) => {
    const rule = TUNNEL_CHECKS[type][j];
    if (!entry.options.has(name)) {
      if (rule === "+") fail(`You need to supply the '${name}' option for the '${type}' tunnel type`);
      return;
    }
    if (rule === "x") fail(`Illegal '${name}' option with the '${type}' tunnel type`);
    if (rule === "1") {
      if (exclusive === undefined) exclusive = name;
      else fail(`The option '${name}' conflicts with the '${exclusive}' option in the '${type}' tunnel type`);
    }
  });
}

/** version(): the string Debian's ipvsadm 1.31 prints for --version. */
export function ipvsadmVersionLine(): string {
  return "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n";
}
