/**
 * keepalived.conf: the VRRP instances, their tracked scripts/files/interfaces, and the LVS virtual
 * servers keepalived creates in IPVS. Keywords as documented in keepalived.conf(5) (2.2.x) and read
 * by keepalived/vrrp/vrrp_parser.c and keepalived/check/check_parser.c. Unknown keywords are skipped
 * (the file has hundreds; the top-level and instance ones are listed in `unknownKeywords`);
 * `auth_pass` is counted and never kept. parseKeepalivedConfig reads one text and reports its
 * include lines; readKeepalivedConfig reads a main file with everything it includes, as keepalived
 * does (config-sources.ts), and every item names the file and line it came from.
 */
import { canonicalAddress, familyOf } from "../../model/address.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, parseSigned } from "../host/text.ts";
import { expandSources, type ConfigSources, type SourceOptions } from "./config-sources.ts";
import { parseConfigLines, parseConfigTree, type ConfigStatement, type ConfigTree } from "./config-tree.ts";
import type {
  CheckerType,
  ConfigRealServer,
  ConfigTrackFile,
  ConfigVip,
  ConfigVirtualServer,
  ConfigVirtualServerGroup,
  ConfigVrrpInstance,
  ConfigVrrpScript,
  KeepalivedConfig,
  TrackedItem,
} from "./keepalived-config.ts";

export type * from "./keepalived-config.ts";

const CHECKERS = new Set<string>([
  "TCP_CHECK",
  "HTTP_GET",
  "SSL_GET",
  "MISC_CHECK",
  "SMTP_CHECK",
  "DNS_CHECK",
  "FILE_CHECK",
  "BFD_CHECK",
  "UDP_CHECK",
  "PING_CHECK",
]);
const NOTIFY = new Set([
  "notify",
  "notify_master",
  "notify_backup",
  "notify_fault",
  "notify_stop",
  "notify_deleted",
  "notify_master_rx_lower_pri",
]);

/** One text: its include lines are reported, not followed. */
export function parseKeepalivedConfig(text: string): KeepalivedConfig {
  return configOf(parseConfigTree(text));
}

/** A main file and what it includes, read as keepalived reads them (config-sources.ts). */
export function readKeepalivedConfig(sources: ConfigSources, options: SourceOptions = {}): KeepalivedConfig {
  const expanded = expandSources(sources, options);
  const config = configOf(parseConfigLines(expanded.lines));
  config.includes = expanded.includes;
  config.files = expanded.files;
  if (expanded.notFollowed.length > 0) config.includesNotFollowed = expanded.notFollowed;
  if (expanded.conditionalLines > 0)
    config.conditional = { configId: options.configId ?? null, lines: expanded.conditionalLines };
  return config;
}

// keepalived 2.2.x names the track file block `track_file`; `vrrp_track_file` is the older, deprecated name.
const TRACK_FILE_DECLARATIONS = new Set(["vrrp_track_file", "track_file"]);
const KNOWN_TOP_LEVEL = new Set([
  "global_defs",
  "vrrp_instance",
  "vrrp_script",
  "virtual_server",
  "virtual_server_group",
]);

function configOf(tree: ConfigTree): KeepalivedConfig {
  const config: KeepalivedConfig = {
    vrrpInstances: [],
    vrrpScripts: [],
    trackFiles: [],
    virtualServers: [],
    virtualServerGroups: [],
    includes: tree.includes,
    redactedSecrets: countSecrets(tree.statements),
    unknownKeywords: [],
    ignored: [],
  };
  for (const statement of tree.statements) {
    const [keyword = "", ...args] = statement.words;
    const body = statement.children ?? [];
    within(statement, () => {
      if (keyword === "global_defs") readGlobalDefs(body, config);
      else if (keyword === "vrrp_instance") {
        const name = requiredName(statement);
        // keepalived: "vrrp instance NAME already defined", and the second is not used.
        if (config.vrrpInstances.some((instance) => instance.name === name))
          config.ignored.push({
            ...whereOf(statement, keyword),
            reason: `vrrp_instance ${name} is already defined`,
          });
        else config.vrrpInstances.push(readInstance(name, statement, body, config));
      } else if (keyword === "vrrp_script")
        config.vrrpScripts.push(readScript(requiredName(statement), statement, body));
      else if (TRACK_FILE_DECLARATIONS.has(keyword))
        config.trackFiles.push(readTrackFile(requiredName(statement), statement, body));
      else if (keyword === "virtual_server")
        config.virtualServers.push(readVirtualServer(args, statement, body, config));
      else if (keyword === "virtual_server_group")
        config.virtualServerGroups.push(readGroup(requiredName(statement), body));
      else if (!KNOWN_TOP_LEVEL.has(keyword)) config.unknownKeywords.push(whereOf(statement, keyword));
    });
  }
  return config;
}

function whereOf(
  statement: ConfigStatement,
  keyword: string,
): { keyword: string; file: string; lineNo: number } {
  return { keyword, file: statement.file, lineNo: statement.lineNo };
}

/** Runs a statement's reading; a ParseError from it names the statement's file. */
function within<T>(statement: ConfigStatement, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ParseError && error.file === undefined && statement.file !== "")
      throw new ParseError(error.line, error.expected, error.found, statement.file);
    throw error;
  }
}

function countSecrets(statements: readonly ConfigStatement[]): number {
  let count = 0;
  for (const statement of statements) {
    if (statement.words[0] === "auth_pass") count++;
    if (statement.children) count += countSecrets(statement.children);
  }
  return count;
}

function requiredName(statement: ConfigStatement): string {
  const name = statement.words[1];
  if (name === undefined)
    throw new ParseError(statement.lineNo, `a name after ${statement.words[0]}`, statement.words.join(" "));
  return name;
}

function argument(statement: ConfigStatement, index = 1): string {
  const value = statement.words[index];
  if (value === undefined)
    throw new ParseError(statement.lineNo, `a value after ${statement.words[0]}`, statement.words.join(" "));
  return value;
}

// "advert_int 1", "advert_int 0.2" (VRRPv3)
function seconds(statement: ConfigStatement): number {
  const text = argument(statement);
  if (!/^\d+(\.\d+)?$/.test(text))
    throw new ParseError(statement.lineNo, `${statement.words[0]} in seconds`, text);
  return Number(text);
}

function address(text: string, lineNo: number, what: string): string {
  const canonical = canonicalAddress(text);
  if (canonical === undefined) throw new ParseError(lineNo, what, text);
  return canonical;
}

function readGlobalDefs(body: readonly ConfigStatement[], config: KeepalivedConfig): void {
  for (const statement of body) {
    const [keyword, ...args] = statement.words;
    if (keyword === "router_id" && args[0] !== undefined) config.routerId = args[0];
    // "lvs_sync_daemon eth1 VI_1 id 5 maxlen 1472 port 8848 ttl 1 group 224.0.0.81"
    if (keyword === "lvs_sync_daemon") {
      const syncDaemon: NonNullable<KeepalivedConfig["lvsSyncDaemon"]> = { interface: argument(statement) };
      if (args[1] !== undefined) syncDaemon.instance = args[1];
      const id = args.indexOf("id");
      if (id >= 0) syncDaemon.syncId = parseCount(args[id + 1] ?? "", statement.lineNo, "lvs_sync_daemon id");
      config.lvsSyncDaemon = syncDaemon;
    }
    // 1.x: "lvs_sync_daemon_interface eth1"
    if (keyword === "lvs_sync_daemon_interface" && !config.lvsSyncDaemon)
      config.lvsSyncDaemon = { interface: argument(statement) };
  }
}

// "192.0.2.100/24 dev eth0 label eth0:vip", "2001:db8::100/64 dev eth0"
function readVip(statement: ConfigStatement): ConfigVip {
  const [first = "", ...rest] = statement.words;
  const [addressText = "", prefixText] = first.split("/");
  const vip: ConfigVip = {
    address: address(addressText, statement.lineNo, "a virtual IP address"),
    sourceFile: statement.file,
    lineNo: statement.lineNo,
  };
  if (prefixText !== undefined) {
    const prefixLength = parseCount(prefixText, statement.lineNo, "prefix length");
    if (prefixLength > (familyOf(vip.address) === "inet" ? 32 : 128))
      throw new ParseError(statement.lineNo, "a prefix length in range", first);
    vip.prefixLength = prefixLength;
  }
  const dev = rest.indexOf("dev");
  if (dev >= 0 && rest[dev + 1] !== undefined) vip.device = rest[dev + 1];
  return vip;
}

// "chk_haproxy weight -20 reverse", "eth1 weight 0"
function readTracked(statement: ConfigStatement): TrackedItem {
  const [name = "", ...rest] = statement.words;
  const item: TrackedItem = { name, sourceFile: statement.file, lineNo: statement.lineNo };
  const weight = rest.indexOf("weight");
  if (weight >= 0) item.weight = parseSigned(rest[weight + 1] ?? "", statement.lineNo, "weight");
  if (rest.includes("reverse")) item.reverse = true;
  return item;
}

function readInstance(
  name: string,
  owner: ConfigStatement,
  body: readonly ConfigStatement[],
  config: KeepalivedConfig,
): ConfigVrrpInstance {
  const instance: ConfigVrrpInstance = {
    name,
    sourceFile: owner.file,
    lineNo: owner.lineNo,
    nopreempt: false,
    virtualIps: [],
    excludedVirtualIps: [],
    trackScripts: [],
    trackFiles: [],
    trackInterfaces: [],
    notify: {},
    unicastPeers: [],
  };
  for (const statement of untilUnknownBlock(body, INSTANCE_BLOCKS, `vrrp_instance ${name}`, config))
    within(statement, () => readInstanceStatement(instance, statement, config));
  return instance;
}

const KNOWN_IN_INSTANCE = new Set([
  "use_vmac",
  "vmac_xmit_base",
  "native_ipv6",
  "dont_track_primary",
  "track_src_ip",
  "mcast_src_ip",
  "unicast_src_ip",
  "garp_master_delay",
  "garp_master_repeat",
  "garp_master_refresh",
  "garp_lower_prio_delay",
  "garp_lower_prio_repeat",
  "lower_prio_no_advert",
  "higher_prio_send_advert",
  "version",
  "smtp_alert",
  "virtual_routes",
  "virtual_rules",
  "accept",
  "no_accept",
  "strict_mode",
  "debug",
  "skip_check_adv_addr",
  "unicast_ttl",
  "notify_priority_changes",
  "promote_secondaries",
  "linkbeat_use_polling",
  "kernel_rx_buf_size",
  "track_process",
  "track_bfd",
]);

function readInstanceStatement(
  instance: ConfigVrrpInstance,
  statement: ConfigStatement,
  config: KeepalivedConfig,
): void {
  const keyword = statement.words[0] ?? "";
  const children = statement.children ?? [];
  if (keyword === "state") instance.state = argument(statement).toUpperCase();
  else if (keyword === "interface") instance.interface = argument(statement);
  else if (keyword === "virtual_router_id")
    instance.virtualRouterId = parseCount(argument(statement), statement.lineNo, "virtual_router_id");
  else if (keyword === "priority")
    instance.priority = parseCount(argument(statement), statement.lineNo, "priority");
  else if (keyword === "advert_int") instance.advertIntervalSeconds = seconds(statement);
  else if (keyword === "nopreempt") instance.nopreempt = true;
  else if (keyword === "preempt") instance.nopreempt = false;
  else if (keyword === "preempt_delay") instance.preemptDelaySeconds = seconds(statement);
  else if (keyword === "virtual_ipaddress")
    for (const child of children) {
      const vip = within(child, () => readVip(child));
      // The first VIP sets the instance's family; keepalived ignores VIPs of the other one.
      const family = instance.virtualIps[0] && familyOf(instance.virtualIps[0].address);
      if (family === undefined || familyOf(vip.address) === family) instance.virtualIps.push(vip);
      else
        config.ignored.push({
          ...whereOf(child, vip.address),
          reason: `${vip.address}: address family must match VRRP instance ${instance.name}`,
        });
    }
  else if (keyword === "virtual_ipaddress_excluded")
    instance.excludedVirtualIps.push(...children.map((child) => within(child, () => readVip(child))));
  else if (keyword === "track_script")
    instance.trackScripts.push(
      ...declaredBefore(children, config.vrrpScripts, "track script", instance, config),
    );
  else if (keyword === "track_file")
    instance.trackFiles.push(...declaredBefore(children, config.trackFiles, "track file", instance, config));
  else if (keyword === "track_interface")
    instance.trackInterfaces.push(...children.map((child) => within(child, () => readTracked(child))));
  else if (NOTIFY.has(keyword)) instance.notify[keyword] = statement.words.slice(1).join(" ");
  else if (keyword === "unicast_peer")
    instance.unicastPeers.push(
      ...children.map((peer) => address(peer.words[0] ?? "", peer.lineNo, "a unicast peer address")),
    );
  else if (keyword === "authentication") {
    const type = children.find((child) => child.words[0] === "auth_type");
    if (type) instance.authType = argument(type);
  } else if (!KNOWN_IN_INSTANCE.has(keyword))
    config.unknownKeywords.push({ ...whereOf(statement, keyword), instance: instance.name });
}

// The blocks keepalived 2.2.7 registers inside a vrrp_instance and a virtual_server (vrrp_parser.c,
// check_parser.c): only these open a level there.
const INSTANCE_BLOCKS = new Set([
  "virtual_ipaddress",
  "virtual_ipaddress_excluded",
  "virtual_routes",
  "virtual_rules",
  "track_interface",
  "track_script",
  "track_file",
  "track_process",
  "track_bfd",
  "unicast_peer",
  "authentication",
]);
const VIRTUAL_SERVER_BLOCKS = new Set(["real_server"]);

/**
 * keepalived reads a `{` after a keyword it does not know as "Unexpected '{' - ignoring" and the
 * block's lines as keywords of the enclosing level, so the unknown block's first `}` closes the
 * enclosing block: whatever followed it there is not part of that block for keepalived (verified
 * with keepalived -d: a virtual_ipaddress after an unknown block is not the instance's). The body
 * is cut there the same way, and the cut said in `ignored`.
 */
function untilUnknownBlock(
  body: readonly ConfigStatement[],
  blocks: ReadonlySet<string>,
  owner: string,
  config: KeepalivedConfig,
): ConfigStatement[] {
  const kept: ConfigStatement[] = [];
  for (const statement of body) {
    const keyword = statement.words[0] ?? "";
    if (statement.children === undefined || blocks.has(keyword)) {
      kept.push(statement);
      continue;
    }
    // Its lines up to the first `}` (the end of the first block with no block inside it before
    // its end) count as keywords of this level.
    kept.push(...firstLinesUntilClose(statement));
    config.ignored.push({
      ...whereOf(statement, keyword),
      reason: `keepalived does not know the block ${keyword}: its first '}' ends ${owner}, and what follows is not read as part of it`,
    });
    break;
  }
  return kept;
}

function firstLinesUntilClose(unknown: ConfigStatement): ConfigStatement[] {
  const lines: ConfigStatement[] = [];
  const walk = (list: readonly ConfigStatement[]): void => {
    for (const statement of list) {
      lines.push({ words: statement.words, file: statement.file, lineNo: statement.lineNo });
      if (statement.children) return walk(statement.children);
    }
  };
  lines.push({ words: unknown.words, file: unknown.file, lineNo: unknown.lineNo });
  walk(unknown.children ?? []);
  return lines;
}

/**
 * keepalived 2.2.7 looks a tracked script or file up when it reads the instance: one declared
 * later in the config is "not found, ignoring..." (verified with keepalived -d), so it is left
 * out here too, and said in `ignored`.
 */
function declaredBefore(
  children: readonly ConfigStatement[],
  declared: readonly { name: string }[],
  what: string,
  instance: ConfigVrrpInstance,
  config: KeepalivedConfig,
): TrackedItem[] {
  const items: TrackedItem[] = [];
  for (const child of children) {
    const item = within(child, () => readTracked(child));
    if (declared.some((declaration) => declaration.name === item.name)) items.push(item);
    else
      config.ignored.push({
        ...whereOf(child, item.name),
        reason: `(${instance.name}) ${what} ${item.name} is not declared before it is tracked`,
      });
  }
  return items;
}

function readScript(
  name: string,
  owner: ConfigStatement,
  body: readonly ConfigStatement[],
): ConfigVrrpScript {
  const script: ConfigVrrpScript = { name, sourceFile: owner.file, lineNo: owner.lineNo };
  for (const statement of body)
    within(statement, () => {
      const keyword = statement.words[0];
      if (keyword === "script") script.script = statement.words.slice(1).join(" ");
      else if (keyword === "interval") script.intervalSeconds = seconds(statement);
      else if (keyword === "weight")
        script.weight = parseSigned(argument(statement), statement.lineNo, "weight");
      else if (keyword === "rise") script.rise = parseCount(argument(statement), statement.lineNo, "rise");
      else if (keyword === "fall") script.fall = parseCount(argument(statement), statement.lineNo, "fall");
    });
  return script;
}

function readTrackFile(
  name: string,
  owner: ConfigStatement,
  body: readonly ConfigStatement[],
): ConfigTrackFile {
  const trackFile: ConfigTrackFile = { name, sourceFile: owner.file, lineNo: owner.lineNo };
  for (const statement of body)
    within(statement, () => {
      const [keyword, ...args] = statement.words;
      if (keyword === "file") trackFile.file = argument(statement);
      else if (keyword === "weight") {
        trackFile.weight = parseSigned(argument(statement), statement.lineNo, "weight");
        if (args.includes("reverse")) trackFile.reverse = true;
      } else if (keyword === "init_file") {
        // "init_file", "init_file 5", "init_file overwrite", "init_file 5 overwrite"
        const value = args.find((arg) => arg !== "overwrite");
        trackFile.initFile = {
          value: value === undefined ? 0 : parseSigned(value, statement.lineNo, "init_file value"),
          overwrite: args.includes("overwrite"),
        };
      }
    });
  return trackFile;
}

function readVirtualServer(
  args: readonly string[],
  statement: ConfigStatement,
  body: readonly ConfigStatement[],
  config: KeepalivedConfig,
): ConfigVirtualServer {
  const { lineNo } = statement;
  const service: ConfigVirtualServer = {
    sourceFile: statement.file,
    lineNo,
    kind: "ip",
    // keepalived 2.2.7 with no `protocol`: "no protocol set - defaulting to UDP" (keepalived -C logs it
    // and creates the service as udp; test/integration/keepalived-config). A fwmark service has none.
    protocol: "udp",
    inhibitOnFailure: false,
    realServers: [],
  };
  // "virtual_server 192.0.2.10 80", "virtual_server fwmark 1", "virtual_server group web"
  if (args[0] === "fwmark") {
    service.kind = "fwmark";
    service.protocol = "tcp"; // IPVS keys a fwmark service by its mark alone
    service.fwmark = parseCount(argument(statement, 2), lineNo, "fwmark");
  } else if (args[0] === "group") {
    service.kind = "group";
    service.group = argument(statement, 2);
  } else {
    service.address = address(argument(statement), lineNo, "a virtual server address");
    if (args[1] !== undefined) service.port = parseCount(args[1], lineNo, "virtual server port");
  }
  let inhibitDefault = false;
  for (const child of untilUnknownBlock(body, VIRTUAL_SERVER_BLOCKS, "virtual_server", config))
    within(child, () => {
      const keyword = child.words[0];
      if (keyword === "protocol") service.protocol = argument(child).toLowerCase();
      else if (keyword === "lb_algo" || keyword === "lvs_sched") service.lbAlgo = argument(child);
      else if (keyword === "lb_kind" || keyword === "lvs_method")
        service.lbKind = argument(child).toUpperCase();
      // "persistence_timeout" alone means keepalived's default of 360 s.
      else if (keyword === "persistence_timeout")
        service.persistenceTimeout =
          child.words[1] === undefined
            ? 360
            : parseCount(child.words[1], child.lineNo, "persistence_timeout");
      else if (keyword === "delay_loop") service.delayLoop = seconds(child);
      else if (keyword === "inhibit_on_failure") inhibitDefault = true;
      else if (keyword === "sorry_server") {
        const sorry: NonNullable<ConfigVirtualServer["sorryServer"]> = {
          address: address(argument(child), child.lineNo, "a sorry server address"),
        };
        if (child.words[2] !== undefined)
          sorry.port = parseCount(child.words[2], child.lineNo, "sorry server port");
        service.sorryServer = sorry;
      } else if (keyword === "real_server") service.realServers.push(readRealServer(child));
    });
  service.inhibitOnFailure = inhibitDefault;
  for (const realServer of service.realServers) realServer.inhibitOnFailure ||= inhibitDefault;
  return service;
}

// "real_server 10.0.0.11 80 { weight 2; inhibit_on_failure; TCP_CHECK { connect_timeout 3 } }"
function readRealServer(statement: ConfigStatement): ConfigRealServer {
  const realServer: ConfigRealServer = {
    address: address(argument(statement), statement.lineNo, "a real server address"),
    sourceFile: statement.file,
    lineNo: statement.lineNo,
    inhibitOnFailure: false,
    checkers: [],
  };
  if (statement.words[2] !== undefined)
    realServer.port = parseCount(statement.words[2], statement.lineNo, "real server port");
  for (const child of statement.children ?? [])
    within(child, () => {
      const keyword = child.words[0] ?? "";
      if (keyword === "weight") realServer.weight = parseSigned(argument(child), child.lineNo, "weight");
      else if (keyword === "inhibit_on_failure") realServer.inhibitOnFailure = true;
      else if (CHECKERS.has(keyword)) realServer.checkers.push(keyword as CheckerType);
    });
  return realServer;
}

// "192.0.2.10 80", "192.0.2.20-29 80", "fwmark 7"
function readGroup(name: string, body: readonly ConfigStatement[]): ConfigVirtualServerGroup {
  const group: ConfigVirtualServerGroup = { name, members: [] };
  for (const statement of body) {
    const [first = "", second] = statement.words;
    if (first === "fwmark") {
      group.members.push({ kind: "fwmark", fwmark: parseCount(second ?? "", statement.lineNo, "fwmark") });
      continue;
    }
    const range = /^(\d+\.\d+\.\d+\.)(\d+)-(\d+)$/.exec(first);
    const member: ConfigVirtualServerGroup["members"][number] = range
      ? {
          kind: "ip",
          first: address(`${range[1]}${range[2]}`, statement.lineNo, "a group address"),
          last: address(`${range[1]}${range[3]}`, statement.lineNo, "a group address range end"),
        }
      : { kind: "ip", first: address(first, statement.lineNo, "a group address") };
    if (second !== undefined) member.port = parseCount(second, statement.lineNo, "group port");
    group.members.push(member);
  }
  return group;
}
