/**
 * What the operator asks to change in a config file, with every value already validated, and the
 * pure edit each intent stands for. Apply recomputes the new text from the file it re-reads (same
 * hash as the plan's, so the same result): the plan never has to carry the file, secrets and all.
 */
import type { IpvsWeight } from "../../commands/validated.ts";
import { editKeepalivedRealServerWeight, type KeepalivedRealServerRef } from "./keepalived-weight-edit.ts";
import { editNginxUpstreamServer } from "./nginx-upstream-edit.ts";
import type { NginxServerAddress, NginxUpstreamName, NginxWeight } from "./nginx-values.ts";
import type { TextEditResult } from "./text-edit-result.ts";

export type ConfigEditIntent =
  | {
      kind: "nginx-upstream-server";
      upstream: NginxUpstreamName;
      server: NginxServerAddress;
      weight?: NginxWeight;
      down?: boolean;
    }
  | {
      kind: "keepalived-real-server-weight";
      /** Addresses canonical (ipAddress()), ports validated (port()). */
      realServer: KeepalivedRealServerRef;
      weight: IpvsWeight;
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

export function describeConfigEditIntent(intent: ConfigEditIntent): string {
  if (intent.kind === "keepalived-real-server-weight") {
    const { virtualAddress, virtualPort, realAddress, realPort } = intent.realServer;
    return `keepalived: weight ${intent.weight} for real_server ${realAddress} ${realPort} of virtual_server ${virtualAddress} ${virtualPort}`;
  }
  const changes = [
    ...(intent.weight !== undefined ? [`weight=${intent.weight}`] : []),
    ...(intent.down === true ? ["down"] : intent.down === false ? ["not down"] : []),
  ];
  return `nginx: ${changes.join(", ")} for server ${intent.server.text} in upstream ${intent.upstream}`;
}
