/**
 * keepalived's DATA dump: SIGUSR1 (`keepalived --signum=DATA`) writes keepalived.data (VRRP) and,
 * in 2.x, keepalived_check.data (LVS) into its TMPDIR. Format: vrrp_print_data() / dump_vrrp() in
 * keepalived/vrrp/vrrp_data.c and dump_vs() in keepalived/check/check_data.c; formats.md §3.16 and
 * §4.2. Sections start with "------< NAME >------" at column 0; blocks with " VRRP Instance = X" or
 * " VRRP Script = X"; their lines are "Key = value" or list headers ("Virtual IP (2):", 1.x
 * "Virtual IP = 1") followed by deeper-indented items. Text is redacted line by line BEFORE it is
 * parsed, so no secret can reach the result (redact.ts).
 */
import { canonicalAddress, familyOf } from "../../model/address.ts";
import type { KeepalivedData, VrrpInstance } from "../../model/keepalived.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, parseSigned, splitLines } from "../host/text.ts";
import { parseLvsTopology, type NumberedLine } from "./lvs-topology.ts";
import { redactLine } from "./redact.ts";

export { redactKeepalivedText } from "./redact.ts";

// "------< VRRP Topology >------"
const SECTION = /^------< (.+?) >------\s*$/;
// " VRRP Instance = VI_1", " VRRP Script = chk_ok", " VRRP Sync Group = G1"
const BLOCK = /^\s*VRRP (Instance|Script|Sync Group) = (.+?)\s*$/;
// "   Virtual IP (2):", "   Tracked scripts :", "   Unicast Peer :"
const LIST_HEADER = /^\s*([^=:]+?)\s*(?:\(\d+\))?\s*:\s*$/;
// "   Priority = 150", "   Password = <redacted>", "   Virtual IP = 1" (1.x list header)
const KEY_VALUE = /^\s*([^=]+?)\s*=\s?(.*?)\s*$/;
// "     192.0.2.100/24 dev eth0 scope global set", "     198.51.100.10 dev eth0 scope global"
const VIP_ITEM = /^\s*([^\s/]+)(?:\/(\d{1,3}))?(?:\s+(.*?))?\s*$/;
// "     chk_ok weight 10", "     check_script weight -60"
const TRACKED_SCRIPT = /^\s*(\S+)(?:\s+weight\s+(-?\d+))?/;
// "1795614276.497454 (Wed Nov 25 13:44:36.497454 2026)", 1.x "1596892296 (Sat Aug  8 ...)"
const UNIX_TIME = /^(\d+(?:\.\d+)?)(?:\s|$)/;
// "1 sec", "4000 milli-sec"
const ADVERT = /^(\d+) (sec|milli-sec)$/;
// "3375000 usecs"
const USECS = /^(\d+) usecs$/;

/** keepalived 1.x prints a tracked script's block inside its instance; these keys are the script's. */
const SCRIPT_KEYS = new Set(["Command", "Interval", "Timeout", "Weight", "Rise", "Fall", "Full", "Insecure", "Status", "Result", "Init state", "Script uid:gid", "State"]);
/** 1.x list headers of the form "Virtual IP = 1" (a count). */
const COUNTED_LISTS = new Set(["Virtual IP", "Virtual IP Excluded", "Virtual Routes", "Virtual Rules"]);

interface Block {
  kind: "instance" | "script";
  name: string;
  lineNo: number;
  fields: Record<string, string>;
  fieldLines: Record<string, number>;
  lists: Record<string, NumberedLine[]>;
  inlineScripts: Block[];
}

export function parseKeepalivedData(text: string): KeepalivedData {
  let redactedSecrets = 0;
  const lines: NumberedLine[] = splitLines(text).map((raw, index) => {
    const { line, count } = redactLine(raw);
    redactedSecrets += count;
    return { text: line, lineNo: index + 1 };
  });

  const sections: { name: string; lines: NumberedLine[] }[] = [];
  for (const line of lines) {
    const header = SECTION.exec(line.text);
    if (header) sections.push({ name: header[1] ?? "", lines: [] });
    else if (sections.length > 0) sections.at(-1)?.lines.push(line);
    else if (line.text.trim() !== "") throw new ParseError(line.lineNo, "a '------< SECTION >------' header", line.text);
  }
  if (sections.length === 0) throw new ParseError(1, "a '------< SECTION >------' header", lines[0]?.text ?? "");

  const blocks: Block[] = [];
  const virtualServers: KeepalivedData["virtualServers"] = [];
  for (const section of sections) {
    if (section.name === "VRRP Topology" || section.name === "VRRP Scripts") {
      blocks.push(...readBlocks(section.lines, section.name === "VRRP Topology"));
    } else if (section.name === "LVS Topology") {
      virtualServers.push(...parseLvsTopology(section.lines));
    }
  }
  const instances = blocks.filter((block) => block.kind === "instance").map(toInstance);
  const scriptBlocks = [...blocks.filter((block) => block.kind === "script"), ...blocks.flatMap((block) => block.inlineScripts)];
  const scripts = scriptBlocks.map((block) => {
    const status = block.fields.Status;
    return status === undefined ? { name: block.name } : { name: block.name, status };
  });
  return { instances, scripts, virtualServers, redactedSecrets };
}

function newBlock(kind: Block["kind"], name: string, lineNo: number): Block {
  return { kind, name, lineNo, fields: {}, fieldLines: {}, lists: {}, inlineScripts: [] };
}

function readBlocks(lines: readonly NumberedLine[], inTopology: boolean): Block[] {
  const blocks: Block[] = [];
  let instance: Block | undefined;
  let current: Block | undefined;
  let list: { items: NumberedLine[]; indent: number } | undefined;
  for (const line of lines) {
    if (line.text.trim() === "") continue;
    const indent = line.text.length - line.text.trimStart().length;
    if (list && indent > list.indent) {
      list.items.push(line);
      continue;
    }
    list = undefined;
    const block = BLOCK.exec(line.text);
    if (block) {
      const [, kind, name = ""] = block;
      if (kind === "Instance") {
        instance = current = newBlock("instance", name, line.lineNo);
        blocks.push(instance);
      } else if (kind === "Script" && inTopology && instance) {
        current = newBlock("script", name, line.lineNo);
        instance.inlineScripts.push(current);
      } else if (kind === "Script") {
        instance = undefined;
        current = newBlock("script", name, line.lineNo);
        blocks.push(current);
      } else {
        instance = current = undefined; // sync groups are not modelled
      }
      continue;
    }
    if (!current) continue;
    const listHeader = LIST_HEADER.exec(line.text);
    const pair = listHeader ? undefined : KEY_VALUE.exec(line.text);
    const key = listHeader?.[1] ?? pair?.[1];
    if (key === undefined) continue; // "Flags: none"-like lines without '=' carry nothing we model
    // A 1.x inline script owns only its own keys; everything else continues its instance.
    const owner = current.kind === "script" && instance && !SCRIPT_KEYS.has(key) ? instance : current;
    if (listHeader || (pair && COUNTED_LISTS.has(key) && /^\d+$/.test(pair[2] ?? ""))) {
      list = { items: (owner.lists[key] ??= []), indent };
    }
    if (pair) {
      owner.fields[key] = pair[2] ?? "";
      owner.fieldLines[key] = line.lineNo;
    }
  }
  return blocks;
}

function toInstance(block: Block): VrrpInstance {
  const { fields } = block;
  const at = (key: string): number => block.fieldLines[key] ?? block.lineNo;
  const matched = (key: string, pattern: RegExp, expected: string): RegExpExecArray | undefined => {
    const value = fields[key];
    if (value === undefined) return undefined;
    const match = pattern.exec(value);
    if (!match) throw new ParseError(at(key), `${key} = ${expected}`, value);
    return match;
  };
  const count = (key: string): number | undefined =>
    fields[key] === undefined ? undefined : parseCount(fields[key], at(key), key);

  const state = fields.State;
  if (state === undefined) throw new ParseError(block.lineNo, `a 'State = ...' line in VRRP instance ${block.name}`, `VRRP Instance = ${block.name}`);
  const instance: VrrpInstance = {
    name: block.name,
    state,
    virtualIps: [...(block.lists["Virtual IP"] ?? []), ...(block.lists["Virtual IP Excluded"] ?? [])].map(toVip),
    trackedScripts: [],
    fields,
  };
  const advert = matched("Advert interval", ADVERT, "'N sec' or 'N milli-sec'");
  const downTimer = matched("Master down timer", USECS, "'N usecs'");
  const transition = matched("Last transition", UNIX_TIME, "unix time");
  const preempt = fields.Preempt;
  if (preempt !== undefined && preempt !== "enabled" && preempt !== "disabled") {
    throw new ParseError(at("Preempt"), "Preempt = enabled|disabled", preempt);
  }
  const optional: Partial<VrrpInstance> = {
    wantState: fields.Wantstate,
    lastTransition: transition ? Number(transition[1]) : undefined,
    interface: fields.Interface ?? fields["Listening device"],
    virtualRouterId: count("Virtual Router ID"),
    priority: count("Priority"),
    effectivePriority: count("Effective priority"),
    advertIntervalMs: advert ? Number(advert[1]) * (advert[2] === "sec" ? 1000 : 1) : undefined,
    masterDownTimerUs: downTimer ? Number(downTimer[1]) : undefined,
    preempt: preempt === undefined ? undefined : preempt === "enabled",
    masterRouter: fields["Master router"],
    masterPriority: count("Master priority"),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (instance as unknown as Record<string, unknown>)[key] = value;
  }
  for (const item of block.lists["Tracked scripts"] ?? []) {
    const match = TRACKED_SCRIPT.exec(item.text);
    if (!match) throw new ParseError(item.lineNo, "'NAME weight N'", item.text);
    const weight = match[2] === undefined ? undefined : parseSigned(match[2], item.lineNo, "weight");
    instance.trackedScripts.push(weight === undefined ? { name: match[1] ?? "" } : { name: match[1] ?? "", weight });
  }
  for (const script of block.inlineScripts) {
    const weight = script.fields.Weight;
    instance.trackedScripts.push(
      weight === undefined ? { name: script.name } : { name: script.name, weight: parseSigned(weight, script.fieldLines.Weight ?? script.lineNo, "Weight") },
    );
  }
  return instance;
}

function toVip(item: NumberedLine): VrrpInstance["virtualIps"][number] {
  const match = VIP_ITEM.exec(item.text);
  const address = match ? canonicalAddress(match[1] ?? "") : undefined;
  if (!match || address === undefined) throw new ParseError(item.lineNo, "'ADDRESS[/PREFIX] dev IF ...'", item.text);
  const vip: VrrpInstance["virtualIps"][number] = { address };
  if (match[2] !== undefined) {
    const prefixLength = Number(match[2]);
    if (prefixLength > (familyOf(address) === "inet" ? 32 : 128)) throw new ParseError(item.lineNo, "a prefix length in range", item.text);
    vip.prefixLength = prefixLength;
  }
  const words = (match[3] ?? "").split(/\s+/);
  const dev = words.indexOf("dev");
  if (dev >= 0 && words[dev + 1] !== undefined) vip.device = words[dev + 1];
  vip.installed = words.at(-1) === "set";
  return vip;
}
