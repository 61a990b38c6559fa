/**
 * Every program Fulcrum sends to a host, assembled by the production builders exactly as they go
 * over SSH (library parts, main part, settings), for checks that must see the whole text.
 */
import { NODE_PROBE } from "../../../core/actions/failover/read-node-view.ts";
import { asRootArgv } from "../../../core/actions/host-executor.ts";
import { READ_TABLE_ARGV } from "../../../core/actions/read-ipvs-state.ts";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";
import { SAMPLER_SOURCES } from "../../../core/sampler/sampler-sections.ts";

export interface SentProgram {
  name: string;
  text: string;
}

/**
 * The longest exec command lines Fulcrum sends (programs on the command line rather than stdin):
 * Dropbear drops an exec request past about 9,000 bytes (lab-notes.md).
 */
export function longestCommandLines(): { name: string; argv: readonly string[] }[] {
  return [
    { name: "IPVS table read", argv: READ_TABLE_ARGV },
    { name: "IPVS table read for a login that is not root", argv: asRootArgv(READ_TABLE_ARGV) },
  ];
}

export function sentPrograms(): SentProgram[] {
  return [
    {
      name: "sampler, every section",
      text: buildSamplerScript({
        intervalSeconds: 2,
        sections: [...SAMPLER_SOURCES],
        nginxStatusUrl: "http://127.0.0.1:8080/nginx_status?auto",
        haproxySocket: "/run/haproxy/admin.sock",
        maxFrames: 3,
      }),
    },
    { name: "sampler, defaults", text: buildSamplerScript({ intervalSeconds: 1, sections: ["netdev"] }) },
    { name: "failover node probe", text: NODE_PROBE },
    { name: "IPVS table read", text: READ_TABLE_ARGV[2] },
    { name: "action command as root (as-root.sh)", text: asRootArgv(["true"])[2] ?? "" },
  ];
}
