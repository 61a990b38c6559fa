/** Where the audit log lives inside Fulcrum's data folder. */
import { homedir } from "node:os";
import { join } from "node:path";
import { fulcrumDataFolder } from "../data-folder.ts";

export const AUDIT_FILE_NAME = "audit.jsonl";

export function auditLogPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(fulcrumDataFolder(env, home), AUDIT_FILE_NAME);
}
