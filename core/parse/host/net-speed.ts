/**
 * Link speeds as our sampler prints them: one `IFNAME SPEED` line per /sys/class/net entry, where
 * SPEED is the content of /sys/class/net/IFNAME/speed (Mb/s; Documentation/ABI/testing/sysfs-class-net).
 * The kernel reports -1 (SPEED_UNKNOWN) for links without a speed, and reading it fails (empty) for
 * virtual devices such as lo; some drivers print "unknown". All of those mean "no speed".
 * The `grep . /sys/class/net/*\/speed` form (PATH:VALUE, as in test/fixtures/lab) is read too.
 * Interface names are checked as the kernel does (dev_valid_name: at most 15 bytes, no '/', ':'
 * or white space), so another text shape fails loudly instead of yielding names without speeds.
 */
import type { NicSample } from "../../model/nic.ts";
import { ParseError } from "../../model/parse-error.ts";
import { requireCompleteOutput, splitLines } from "./text.ts";

// "eth0 10000", "eth1 -1", "lo " (read failed), "wlan0 unknown"
const SPEED_LINE = /^([^\s/:]{1,15})(?:\s+(-1|\d+|unknown))?\s*$/;
// "/sys/class/net/eth0/speed:10000" (grep . /sys/class/net/*/speed)
const GREP_LINE = /^\/sys\/class\/net\/([^\s/:]{1,15})\/speed:(-1|\d+|unknown)?\s*$/;

export function parseNetSpeeds(text: string): Map<string, number | undefined> {
  requireCompleteOutput(text, "IFNAME SPEED lines");
  const speeds = new Map<string, number | undefined>();
  splitLines(text).forEach((line, index) => {
    if (line.trim() === "") return;
    const match = SPEED_LINE.exec(line) ?? GREP_LINE.exec(line);
    if (!match) throw new ParseError(index + 1, "'IFNAME SPEED' (Mb/s, -1, unknown or empty)", line);
    const speed = match[2] === undefined || match[2] === "unknown" ? -1 : Number(match[2]);
    speeds.set(match[1] ?? "", speed > 0 ? speed : undefined);
  });
  return speeds;
}

/**
 * Copies of the samples with speedMbps from the map: set where it has a speed, removed where it
 * says "no speed", unchanged for interfaces the map does not list.
 */
export function withSpeeds(samples: readonly NicSample[], speeds: ReadonlyMap<string, number | undefined>): NicSample[] {
  return samples.map((sample) => {
    if (!speeds.has(sample.name)) return { ...sample };
    const { speedMbps: _previous, ...rest } = sample;
    const speed = speeds.get(sample.name);
    return speed === undefined ? rest : { ...rest, speedMbps: speed };
  });
}
