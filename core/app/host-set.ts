/**
 * The hosts the console follows, as one set that changes at run time: the operator's real hosts
 * (saved in the host inventory, or given for this run only), or the built-in demo cluster when
 * there are none. The demo comes and goes by itself: it stops when the first real host is added
 * and returns when the last one is removed, and every change is published as hostsChanged.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { HostList } from "../api.ts";
import { AuditLog } from "../audit/audit-log.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { createDemoHosts } from "./demo-hosts.ts";
import type { MonitoredHost } from "./monitored-host.ts";

interface DemoRun {
  hosts: MonitoredHost[];
  /** One fresh file per demo run, removed when it stops: demo actions never mix with the operator's. */
  audit: AuditLog;
}

export interface HostSetOptions {
  events: EventHub;
  demoIntervalSeconds: number;
}

export class HostSet {
  readonly #options: HostSetOptions;
  readonly #real = new Map<string, MonitoredHost>();
  #demo: DemoRun | undefined;
  #running = false;

  constructor(options: HostSetOptions, initial: MonitoredHost[]) {
    this.#options = options;
    for (const host of initial) this.#real.set(host.summary.id, host);
    if (this.#real.size === 0) this.#demo = this.#createDemo();
  }

  get demo(): boolean {
    return this.#demo !== undefined;
  }

  /** The demo run's own audit log, while the demo is shown. */
  get demoAudit(): AuditLog | undefined {
    return this.#demo?.audit;
  }

  list(): HostList {
    return { hosts: this.all().map((host) => host.summary), demo: this.demo };
  }

  all(): MonitoredHost[] {
    return this.#demo ? this.#demo.hosts : [...this.#real.values()];
  }

  get(hostId: string): MonitoredHost | undefined {
    return this.all().find((host) => host.summary.id === hostId);
  }

  hasReal(hostId: string): boolean {
    return this.#real.has(hostId);
  }

  start(): void {
    this.#running = true;
    for (const host of this.all()) host.monitor.start();
  }

  /** Follows a real host (replacing the demo if it is shown) and publishes the new list. */
  addReal(host: MonitoredHost): void {
    if (this.#real.has(host.summary.id)) throw new Error(`${host.summary.id} is already followed`);
    this.#stopDemo();
    this.#real.set(host.summary.id, host);
    if (this.#running) host.monitor.start();
    this.#publish();
  }

  /** Stops and forgets a real host; the demo returns when it was the last. */
  removeReal(hostId: string): boolean {
    const host = this.#real.get(hostId);
    if (!host) return false;
    this.#real.delete(hostId);
    stopHost(host);
    if (this.#real.size === 0) {
      this.#demo = this.#createDemo();
      if (this.#running) for (const demoHost of this.#demo.hosts) demoHost.monitor.start();
    }
    this.#publish();
    return true;
  }

  stop(): void {
    this.#running = false;
    for (const host of this.#real.values()) stopHost(host);
    this.#stopDemo();
  }

  #createDemo(): DemoRun {
    const audit = new AuditLog(path.join(tmpdir(), `fulcrum-demo-audit-${randomUUID()}.jsonl`));
    return { audit, hosts: createDemoHosts(this.#options.events, this.#options.demoIntervalSeconds, audit) };
  }

  #stopDemo(): void {
    const demo = this.#demo;
    if (!demo) return;
    this.#demo = undefined;
    for (const host of demo.hosts) stopHost(host);
    rmSync(demo.audit.path, { force: true });
  }

  #publish(): void {
    this.#options.events.emit("hostsChanged", this.list());
  }
}

function stopHost(host: MonitoredHost): void {
  host.monitor.stop();
  host.close();
}
