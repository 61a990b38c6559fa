/**
 * What the caller may ask of the remote sampling loop, validated once with zod before any of it is
 * written into a shell program. User-supplied text (socket path, status URL) is held to a small
 * alphabet here and shell-quoted again when written, so neither check alone carries the load.
 */
import { z } from "zod";
import { SAMPLER_SOURCES } from "./sampler-sections.ts";

// Absolute, no whitespace, quotes, `$`, `:` or `,` (socat reads `:` and `,` as address syntax).
// 107 bytes: sun_path is 108 with its NUL.
const SAFE_ABSOLUTE_PATH = /^\/[A-Za-z0-9._@+/-]*$/;

export const AbsolutePathSchema = z
  .string()
  .max(107)
  .regex(SAFE_ABSOLUTE_PATH, "an absolute path of letters, digits and ._@+/-");

// http://127.x.y.z[:port][/path], loopback only: the loop must never be a way to reach other hosts.
const LOOPBACK_URL =
  /^http:\/\/127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?(\/[A-Za-z0-9._~/%?&=+-]*)?$/;

export const LoopbackHttpUrlSchema = z
  .string()
  .max(300)
  .refine((url) => {
    const match = LOOPBACK_URL.exec(url);
    if (!match) return false;
    const octets = match.slice(1, 4).map(Number);
    const port = match[4] === undefined ? 80 : Number(match[4]);
    return octets.every((octet) => octet <= 255) && port >= 1 && port <= 65535;
  }, "an http://127.x.y.z[:port]/path URL");

export const SamplerOptionsSchema = z
  .object({
    intervalSeconds: z.number().int().min(1).max(60),
    sections: z.array(z.enum(SAMPLER_SOURCES)).min(1),
    haproxySocket: AbsolutePathSchema.optional(),
    /** Where to look for `stats socket` lines when no socket is given. */
    haproxyConfig: AbsolutePathSchema.default("/etc/haproxy/haproxy.cfg"),
    nginxStatusUrl: LoopbackHttpUrlSchema.optional(),
    keepaliveEverySeconds: z.number().int().min(1).max(3600).default(30),
    /** keepalived pid files, first readable wins. */
    keepalivedPidFiles: z
      .array(AbsolutePathSchema)
      .min(1)
      .max(8)
      .default(["/run/keepalived.pid", "/var/run/keepalived.pid"]),
    /**
     * keepalived's TMPDIR, where it writes its DATA dump, for when it cannot be read from the daemon's
     * own environment (the loop is not root). As root the loop reads it from /proc/PID/environ.
     */
    keepalivedTmpDir: AbsolutePathSchema.default("/tmp"),
    /** Seconds a socket or HTTP read may take before `timeout` ends it (when the host has `timeout`). */
    commandTimeoutSeconds: z.number().int().min(1).max(60).default(5),
    /** Stop after this many frames; for tests and one-shot snapshots. Absent: run until the channel closes. */
    maxFrames: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export type SamplerOptionsInput = z.input<typeof SamplerOptionsSchema>;
export type SamplerOptions = z.output<typeof SamplerOptionsSchema>;
