/**
 * Resolves the operator's names of a service and backend against the current IPVS table.
 * Names are validated (core/commands/target-spec.ts) and compared in canonical key form, so
 * "[2001:DB8::1]:80" and "[2001:db8::1]:80" find the same service.
 */
import {
  parseIpvsBackendTarget,
  parseServiceTarget,
  type IpvsBackendTarget,
  type IpvsServiceTarget,
} from "../commands/target-spec.ts";
import { ValidationError } from "../commands/validated.ts";
import type { RealServer, VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";
import type { BackendState, PlanRefusal } from "./action-plan.ts";

export interface ResolvedTarget {
  serviceTarget: IpvsServiceTarget;
  backendTarget: IpvsBackendTarget;
  serviceKey: string;
  backendKey: string;
  service?: VirtualService;
  server?: RealServer;
}

export function resolveTarget(
  services: readonly VirtualService[],
  serviceText: string,
  backendText: string,
): ResolvedTarget | PlanRefusal {
  let serviceTarget;
  let backendTarget;
  try {
    serviceTarget = parseServiceTarget(serviceText);
    backendTarget = parseIpvsBackendTarget(backendText);
  } catch (error) {
    if (error instanceof ValidationError) return { code: "invalid-input", message: error.message };
    throw error;
  }
  if (serviceTarget.kind !== "ipvs") {
    return {
      code: "wrong-family",
      message: `${serviceText} is an HAProxy backend; IPVS actions need an IPVS service`,
    };
  }
  const wantedService = serviceKey(serviceTarget);
  const wantedBackend = backendKey(backendTarget);
  const service = services.find((candidate) => serviceKey(candidate) === wantedService);
  const server = service?.realServers.find((candidate) => backendKey(candidate) === wantedBackend);
  return {
    serviceTarget,
    backendTarget,
    serviceKey: wantedService,
    backendKey: wantedBackend,
    ...(service ? { service } : {}),
    ...(server ? { server } : {}),
  };
}

export function isRefusal<T extends object>(value: T | PlanRefusal): value is PlanRefusal {
  return "code" in value;
}

/** The backend as compare-and-set and verification see it. */
export function backendStateOf(server: RealServer | undefined): BackendState {
  if (!server) return { exists: false };
  return {
    exists: true,
    forward: server.forward,
    weight: server.weight,
    ...(server.upperThreshold !== undefined ? { upperThreshold: server.upperThreshold } : {}),
    ...(server.lowerThreshold !== undefined ? { lowerThreshold: server.lowerThreshold } : {}),
  };
}
