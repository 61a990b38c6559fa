/**
 * Fulcrum's one data folder (trust store, audit log): FULCRUM_DATA, else ~/.local/share/fulcrum with
 * ~ = os.homedir() (the HOME variable), so a test or an operator can point Fulcrum at another home
 * (DESIGN.md §9).
 */
import { homedir } from "node:os";
import { join } from "node:path";

export function fulcrumDataFolder(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env["FULCRUM_DATA"];
  if (override) return override;
  return join(home, ".local", "share", "fulcrum");
}
