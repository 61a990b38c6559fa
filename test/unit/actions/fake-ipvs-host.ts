/**
 * An in-memory director for apply tests: it answers the table read (READ_TABLE_ARGV) with
 * `ipvsadm -Ln --exact` and `--thresholds --exact` text rendered from its table, and carries out
 * `ipvsadm -e/-a/-d` argv the way ipvsadm does (including -e without -x clearing thresholds).
 * Hooks let a test fail, delay or drop a call.
 */
import { READ_TABLE_ARGV } from "../../../core/actions/read-ipvs-state.ts";
import type { HostExecutor, HostExecutorResult } from "../../../core/actions/host-executor.ts";

export interface FakeServer {
  address: string; // "192.0.2.11:80" as ipvsadm prints it
  forward: "Masq" | "Route" | "Tunnel";
  weight: number;
  active: number;
  inactive: number;
  upper: number;
  lower: number;
}

export interface FakeService {
  head: string; // "TCP  203.0.113.10:80 wrr"
  key: string; // "-t 203.0.113.10:80"
  servers: FakeServer[];
}

const FORWARD: Record<string, FakeServer["forward"]> = { "-m": "Masq", "-g": "Route", "-i": "Tunnel" };

export function labLikeTable(): FakeService[] {
  const server = (
    address: string,
    forward: FakeServer["forward"],
    weight: number,
    inactive: number,
    upper = 0,
    lower = 0,
  ): FakeServer => ({
    address,
    forward,
    weight,
    active: 0,
    inactive,
    upper,
    lower,
  });
  return [
    {
      head: "TCP  203.0.113.10:80 wrr",
      key: "-t 203.0.113.10:80",
      servers: [
        server("192.0.2.11:80", "Masq", 3, 30, 1000, 800),
        server("192.0.2.12:80", "Masq", 1, 10, 500),
        server("192.0.2.13:80", "Masq", 0, 0),
      ],
    },
    {
      head: "TCP  203.0.113.20:80 rr",
      key: "-t 203.0.113.20:80",
      servers: [server("192.0.2.11:80", "Route", 1, 10), server("192.0.2.12:80", "Route", 1, 10)],
    },
  ];
}

export type CallHook = (
  argv: readonly string[],
  call: number,
) => Promise<HostExecutorResult | undefined> | HostExecutorResult | undefined;

export class FakeIpvsHost implements HostExecutor {
  table: FakeService[];
  readonly calls: string[][] = [];
  /** Runs before the call; a returned result replaces it, a throw is the connection dropping. */
  before: CallHook | undefined;
  /** Runs after a change was carried out (e.g. to drop the connection after the fact). */
  afterChange: ((argv: readonly string[]) => void) | undefined;
  /** Changes are accepted (exit 0) but not carried out: for "not verified". */
  ignoreChanges = false;

  constructor(table: FakeService[] = labLikeTable()) {
    this.table = table;
  }

  async run(argv: readonly string[]): Promise<HostExecutorResult> {
    this.calls.push([...argv]);
    const hooked = await this.before?.(argv, this.calls.length);
    if (hooked) return hooked;
    if (argv.join(" ") === READ_TABLE_ARGV.join(" "))
      return { stdout: `${this.list()}--fulcrum-thresholds--\n${this.thresholds()}`, stderr: "", code: 0 };
    if (argv[0] === "ipvsadm") {
      const result = this.change(argv);
      if (result.code === 0) this.afterChange?.(argv);
      return result;
    }
    return { stdout: "", stderr: `sh: ${argv[0]}: not found\n`, code: 127 };
  }

  server(address: string, serviceKey = "-t 203.0.113.10:80"): FakeServer | undefined {
    return this.table
      .find((service) => service.key === serviceKey)
      ?.servers.find((server) => server.address === address);
  }

  changeCalls(): string[][] {
    return this.calls.filter((argv) => argv[0] === "ipvsadm");
  }

  private change(argv: readonly string[]): HostExecutorResult {
    const option = (name: string): string | undefined => {
      const at = argv.indexOf(name);
      return at < 0 ? undefined : argv[at + 1];
    };
    const serviceFlag = argv[2] ?? "";
    const service = this.table.find((candidate) => candidate.key === `${serviceFlag} ${argv[3]}`);
    if (!service) return { stdout: "", stderr: "Service not defined\n", code: 1 };
    const address = option("-r") ?? "";
    const existing = service.servers.find((server) => server.address === address);
    if (this.ignoreChanges) return { stdout: "", stderr: "", code: 0 };
    const forward = FORWARD[argv.find((word) => word in FORWARD) ?? "-g"] ?? "Route";
    const settings = {
      forward,
      weight: Number(option("-w") ?? 1),
      upper: Number(option("-x") ?? 0),
      lower: Number(option("-y") ?? 0),
    };
    switch (argv[1]) {
      case "-e":
        if (!existing) return { stdout: "", stderr: "No such destination\n", code: 1 };
        Object.assign(existing, settings);
        return { stdout: "", stderr: "", code: 0 };
      case "-a":
        if (existing) return { stdout: "", stderr: "Destination already exists\n", code: 1 };
        service.servers.push({ address, active: 0, inactive: 0, ...settings });
        return { stdout: "", stderr: "", code: 0 };
      case "-d":
        if (!existing) return { stdout: "", stderr: "No such destination\n", code: 1 };
        service.servers = service.servers.filter((server) => server !== existing);
        return { stdout: "", stderr: "", code: 0 };
      default:
        return { stdout: "", stderr: "unsupported\n", code: 2 };
    }
  }

  private list(): string {
    const lines = [
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port Scheduler Flags",
      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
    ];
    for (const service of this.table) {
      lines.push(service.head);
      for (const server of service.servers) {
        lines.push(
          `  -> ${server.address.padEnd(28)} ${server.forward.padEnd(7)} ${String(server.weight).padEnd(6)} ${String(server.active).padEnd(10)} ${server.inactive}`,
        );
      }
    }
    return `${lines.join("\n")}\n`;
  }

  private thresholds(): string {
    const lines = [
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn",
      "  -> RemoteAddress:Port",
    ];
    for (const service of this.table) {
      lines.push(service.head);
      for (const server of service.servers) {
        lines.push(
          `  -> ${server.address.padEnd(28)} ${String(server.upper).padEnd(10)} ${String(server.lower).padEnd(10)} ${String(server.active).padEnd(10)} ${server.inactive}`,
        );
      }
    }
    return `${lines.join("\n")}\n`;
  }
}
