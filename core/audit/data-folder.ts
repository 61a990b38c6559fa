/**
 * Fulcrum's data folder: FULCRUM_DATA, else ~/.local/share/fulcrum with ~ = os.homedir() (the HOME
 * variable), so a test or an operator can point Fulcrum at another home (DESIGN.md §9).
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function fulcrumDataFolder(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env["FULCRUM_DATA"];
  if (override) return override;
  return join(home, ".local", "share", "fulcrum");
}

export const AUDIT_FILE_NAME = "audit.jsonl";

export function auditLogPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(fulcrumDataFolder(env, home), AUDIT_FILE_NAME);
}
