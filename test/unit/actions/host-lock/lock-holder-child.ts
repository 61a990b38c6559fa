// A separate Fulcrum process holding a host's lock: run as
//   node lock-holder-child.ts FOLDER HOST WHAT [exit]
// It takes the lock through the production class, prints "held" (or "busy: ..."), then waits to be
// killed; with "exit" it instead leaves the process without releasing, so only the exit hook can.
import { HostActionLocks } from "../../../../core/actions/host-action-lock.ts";

const [folder, hostId, what, mode] = process.argv.slice(2);
if (folder === undefined || hostId === undefined || what === undefined) {
  process.stderr.write("usage: lock-holder-child.ts FOLDER HOST WHAT [exit]\n");
  process.exit(2);
}
const lock = new HostActionLocks({ folder }).tryAcquire(hostId, what);
if ("busyWith" in lock) {
  process.stdout.write(`busy: ${lock.busyWith}\n`);
  process.exit(1);
}
process.stdout.write("held\n");
if (mode === "exit") process.exit(0);
setInterval(() => {}, 60_000);
