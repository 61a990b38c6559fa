/**
 * The one verdict on a drain, "safe to stop" or not, from successive samples of the drained backend.
 * `fulcrum drain --wait` and the console's drain panel both ask this function, so they cannot
 * disagree. Pure: the caller brings the samples (a table read every 2 s, or the live snapshots).
 *
 * What the counts mean (ipvsadm(8), formats.md §3.1, the kernel's ip_vs_proto_tcp.c):
 *  - ActiveConn counts ESTABLISHED connections: clients still talking to the backend.
 *  - InActConn counts every other entry: for TCP and SCTP these are connections that are closing
 *    or closed (TIME_WAIT, FIN_WAIT, CLOSE...). IPVS keeps them until their state's timeout ends
 *    (TIME_WAIT 120 s; FIN_WAIT the "tcpfin" timeout of `ipvsadm -L --timeout`, 120 s by default)
 *    and then drops them by itself. They carry no traffic, so they are not a reason to wait.
 *  - UDP has no states: every entry is inactive and still sends its client's datagrams to the
 *    backend until the "udp" timeout (300 s by default) passes without one. A firewall-mark
 *    service may carry UDP, so its inactive entries count too.
 *  - Persistence templates (persistent services) send a returning client to the backend it had,
 *    even at weight 0, until they expire; a template lives while connections it made still have
 *    entries, then up to the persistence timeout more. Without --persistent-conn the templates are
 *    not visible, so the verdict waits that long after the backend's last entry or arrival.
 */

/** One look at the drained backend. */
export interface DrainSample {
  /** Epoch ms. */
  at: number;
  /** The backend's weight, when the sample shows it; above 0 the drain was undone. */
  weight?: number;
  activeConns: number;
  inactiveConns: number;
  /** Persistence templates, when the reader asked for --persistent-conn. */
  persistConns?: number;
  /** New connections per second, when known. */
  cps?: number;
}

export interface DrainContext {
  /** The service's protocol ("fwmark" for a firewall-mark service). */
  protocol: "tcp" | "udp" | "sctp" | "fwmark";
  /** The service's persistence timeout in seconds; 0: not persistent. */
  persistentSeconds: number;
  /** Epoch ms when the weight became 0. */
  drainedAt: number;
}

export type DrainState = "waiting" | "draining" | "safe-to-stop" | "undrained";

export interface DrainVerdict {
  state: DrainState;
  /** One sentence for the operator, the same in the CLI and the console. */
  message: string;
}

/** Whether inactive entries still carry a client's traffic for this protocol. */
function inactiveCarriesTraffic(protocol: DrainContext["protocol"]): boolean {
  return protocol === "udp" || protocol === "fwmark";
}

function countsText(sample: DrainSample): string {
  const templates = sample.persistConns !== undefined ? `, ${sample.persistConns} persistence templates` : "";
  return `${sample.activeConns} active, ${sample.inactiveConns} inactive${templates}`;
}

function perSecond(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, "") : String(Math.round(value));
}

const INACTIVE_EXPIRE =
  "closed connections (TIME_WAIT, FIN_WAIT) that IPVS drops by itself within about 120 s (ipvsadm -L --timeout)";

/**
 * Epoch ms since which the backend has looked idle (no entry, no arrival): the first sample after
 * the last busy one (its entries may have gone just before it), else the drain itself.
 */
function idleSince(samples: readonly DrainSample[], context: DrainContext): number {
  const busy = (sample: DrainSample) =>
    sample.activeConns > 0 || sample.inactiveConns > 0 || (sample.cps ?? 0) > 0;
  for (let index = samples.length - 1; index >= 0; index--) {
    if (busy(samples[index] as DrainSample)) return samples[index + 1]?.at ?? Number.POSITIVE_INFINITY;
  }
  return context.drainedAt;
}

function waitingFor(latest: DrainSample, context: DrainContext): string | undefined {
  if (latest.activeConns > 0) return "waiting for the active connections to end";
  if (latest.inactiveConns > 0 && inactiveCarriesTraffic(context.protocol)) {
    return context.protocol === "udp"
      ? "UDP has no connection states: each inactive entry still sends a client's datagrams here until the udp timeout (300 s by default) passes without one"
      : "a firewall-mark service may carry UDP, whose flows count as inactive: waiting for them to expire";
  }
  return undefined;
}

/** `samples`: oldest first, reaching back over the persistence timeout on a persistent service. */
export function drainVerdict(samples: readonly DrainSample[], context: DrainContext): DrainVerdict {
  const latest = samples.at(-1);
  if (!latest) return { state: "waiting", message: "no sample of the backend yet" };
  if (latest.weight !== undefined && latest.weight > 0) {
    return {
      state: "undrained",
      message: `weight is ${latest.weight} again: the backend takes new connections`,
    };
  }
  const counts = countsText(latest);
  const persistent = context.persistentSeconds > 0;
  // Weight 0 stops the scheduler, not persistence: returning clients still reach the backend.
  const arriving =
    persistent && (latest.cps ?? 0) > 0
      ? `; ${perSecond(latest.cps ?? 0)} new connections/s still arrive: persistence sends returning clients here`
      : "";

  const flows = waitingFor(latest, context);
  if (flows !== undefined) return { state: "draining", message: `${counts}: ${flows}${arriving}` };

  if (latest.persistConns !== undefined && latest.persistConns > 0) {
    return {
      state: "draining",
      message: `${counts}: the templates send returning clients here until they expire${arriving}`,
    };
  }
  if (persistent && latest.persistConns === undefined) {
    // A template outlives its connections' entries, so inactive entries keep it alive here.
    if (latest.inactiveConns > 0) {
      return {
        state: "draining",
        message: `${counts}: on a persistent service these entries keep persistence templates alive, which send returning clients here${arriving}`,
      };
    }
    const expiresAt = idleSince(samples, context) + context.persistentSeconds * 1000;
    if (latest.at < expiresAt) {
      const left = Math.ceil((expiresAt - latest.at) / 1000);
      return {
        state: "draining",
        message: `${counts}: persistence templates are not visible and may send a returning client here for ${left} s more (persistence timeout ${context.persistentSeconds} s)${arriving}`,
      };
    }
  }
  if (latest.inactiveConns === 0)
    return { state: "safe-to-stop", message: "no connections left: safe to stop the backend" };
  return {
    state: "safe-to-stop",
    message: `${counts}: safe to stop the backend; the ${latest.inactiveConns} inactive entries are ${INACTIVE_EXPIRE}`,
  };
}
