/**
 * The names the action API takes for a service and a backend, in the CLI's `<service>` and
 * `<backend>` syntax (DESIGN.md §9), computed by the one shared formatter the core uses too.
 */
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import type { RealServerView, VirtualServiceView } from "./snapshot-types.ts";

export interface ActionTarget {
  service: string;
  backend: string;
}

export function actionTargetOf(service: VirtualServiceView, server: RealServerView): ActionTarget {
  return { service: serviceKey(service), backend: backendKey(server) };
}
