/**
 * Why the simulated kernel refused an edit: the errno the real kernel returns for the same case
 * (ip_vs_ctl.c), and which libipvs call it was, because ipvsadm words one errno differently per
 * call (ipvs_strerror): ESRCH is "No such service" for a service edit but "Service not defined" for
 * a destination edit.
 */
export type IpvsErrno = "ESRCH" | "EEXIST" | "ENOENT" | "EINVAL";

export type IpvsOperation =
  | "add-service"
  | "edit-service"
  | "delete-service"
  | "zero"
  | "add-dest"
  | "edit-dest"
  | "delete-dest"
  | "get-service";

export class IpvsError extends Error {
  readonly errno: IpvsErrno;
  readonly operation: IpvsOperation;

  constructor(operation: IpvsOperation, errno: IpvsErrno) {
    super(ipvsStrerror(operation, errno));
    this.name = "IpvsError";
    this.errno = errno;
    this.operation = operation;
  }
}

// libipvs.c ipvs_strerror(): per-call messages first, then the generic ones.
const PER_CALL: Record<string, string> = {
  "add-service EEXIST": "Service already exists",
  "add-service ENOENT": "Scheduler or persistence engine not found",
  "edit-service ESRCH": "No such service",
  "edit-service ENOENT": "Scheduler or persistence engine not found",
  "delete-service ESRCH": "No such service",
  "zero ESRCH": "No such service",
  "add-dest ESRCH": "Service not defined",
  "add-dest EEXIST": "Destination already exists",
  "edit-dest ESRCH": "Service not defined",
  "edit-dest ENOENT": "No such destination",
  "delete-dest ESRCH": "Service not defined",
  "delete-dest ENOENT": "No such destination",
  "get-service ESRCH": "No such service",
};

const GENERIC: Record<IpvsErrno, string> = {
  EINVAL: "Invalid operation.  Possibly wrong module version, address not unicast, ...",
  // strerror() texts, for the combinations ipvs_strerror has no entry for.
  ESRCH: "No such process",
  EEXIST: "File exists",
  ENOENT: "No such file or directory",
};

export function ipvsStrerror(operation: IpvsOperation, errno: IpvsErrno): string {
  return PER_CALL[`${operation} ${errno}`] ?? GENERIC[errno];
}
