/**
 * The sources the sampling loop can read, by the name their section carries in a frame.
 * "keepalived" is asked for as one source but appears as two sections: `keepalived` (the pid) and
 * `keepalived-data` (the redacted DATA dump), so a failed dump never hides that the daemon runs.
 */
export const SAMPLER_SOURCES = [
  "ipvsadm",
  "ipvsadm-stats",
  "ip-vs-proc",
  "netdev",
  "net-speed",
  "haproxy-stat",
  "haproxy-servers-state",
  "nginx-status",
  "ip-addr",
  "keepalived",
] as const;
export type SamplerSource = (typeof SAMPLER_SOURCES)[number];

export const SECTION_NAMES = [...SAMPLER_SOURCES, "keepalived-data"] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
