/** The OS account running Fulcrum, for the audit log and lock files. */
import { userInfo } from "node:os";

/** userInfo() throws when the uid has no passwd entry (some containers): fall back to $USER. */
export function currentOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env["USER"] ?? "";
  }
}
