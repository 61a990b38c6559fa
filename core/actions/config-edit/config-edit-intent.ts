/**
 * What the operator asks to change in a config file, with every value already validated, and the
 * pure edit each intent stands for. Apply recomputes the new text from the file it re-reads (same
 * hash as the plan's, so the same result): the plan never has to carry the file, secrets and all.
 */
import type { IpvsWeight } from "../../commands/validated.ts";
import {
  editKeepalivedRealServerWeight,
  readKeepalivedRealServerWeight,
  type KeepalivedRealServerRef,
} from "./keepalived-weight-edit.ts";
import { editNginxUpstreamServer, readNginxUpstreamServer } from "./nginx-upstream-edit.ts";
import type { NginxServerAddress, NginxUpstreamName, NginxWeight } from "./nginx-values.ts";
import type { TextEditResult, EditRefusal } from "./text-edit-result.ts";

export type ConfigEditIntent =
  | {
      kind: "nginx-upstream-server";
      upstream: NginxUpstreamName;
      server: NginxServerAddress;
      /** null: remove `weight=` (nginx's default 1 then applies), as an undo of one that was added. */
      weight?: NginxWeight | null;
      down?: boolean;
    }
  | {
      kind: "keepalived-real-server-weight";
      /** Addresses canonical (ipAddress()), ports validated (port()). */
      realServer: KeepalivedRealServerRef;
      /** null: remove the `weight` line (keepalived's default 1 then applies), as an undo of one inserted. */
      weight: IpvsWeight | null;
    };

export function applyConfigEditIntent(text: string, intent: ConfigEditIntent): TextEditResult {
  if (intent.kind === "nginx-upstream-server") {
    return editNginxUpstreamServer(text, intent.upstream, intent.server, {
      ...(intent.weight !== undefined ? { weight: intent.weight } : {}),
      ...(intent.down !== undefined ? { down: intent.down } : {}),
    });
  }
  return editKeepalivedRealServerWeight(text, intent.realServer, intent.weight);
}

/**
 * What the edited line holds: its written weight (null: none written, the daemon's default 1) and,
 * for nginx, whether it is marked down. Read before an edit, it is what an undo sets back.
 */
export type ConfigEditValues = { weight: number | null; down?: boolean };

export function readConfigEditValues(
  text: string,
  intent: ConfigEditIntent,
): { ok: true; values: ConfigEditValues } | EditRefusal {
  if (intent.kind === "nginx-upstream-server")
    return readNginxUpstreamServer(text, intent.upstream, intent.server);
  const read = readKeepalivedRealServerWeight(text, intent.realServer);
  return read.ok ? { ok: true, values: { weight: read.weight } } : read;
}

export function describeConfigEditIntent(intent: ConfigEditIntent): string {
  if (intent.kind === "keepalived-real-server-weight") {
    const { virtualAddress, virtualPort, realAddress, realPort } = intent.realServer;
    const weight = intent.weight === null ? "no weight line (default 1)" : `weight ${intent.weight}`;
    return `keepalived: ${weight} for real_server ${realAddress} ${realPort} of virtual_server ${virtualAddress} ${virtualPort}`;
  }
  const changes = [
    ...(intent.weight === null ? ["no weight= (default 1)"] : []),
    ...(intent.weight !== undefined && intent.weight !== null ? [`weight=${intent.weight}`] : []),
    ...(intent.down === true ? ["down"] : intent.down === false ? ["not down"] : []),
  ];
  return `nginx: ${changes.join(", ")} for server ${intent.server.text} in upstream ${intent.upstream}`;
}
