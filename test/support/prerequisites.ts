/**
 * Integration, lab and e2e tests need real programs (sshd, haproxy, qemu, chromium) and root for
 * network namespaces. On an operator's laptop without them those tests are skipped with the reason
 * shown; in CI (.ci/run sets FULCRUM_REQUIRE_ALL_TIERS=1) a missing prerequisite fails the run, so a
 * tier can never be silently skipped there.
 */
import { accessSync, constants } from "node:fs";
import { execFileSync } from "node:child_process";

export interface Prerequisite {
  /** What is needed, as an operator would install it. */
  what: string;
  present: () => boolean;
}

export const isRoot: Prerequisite = {
  what: "root (network namespaces, sshd as root)",
  present: () => process.getuid?.() === 0,
};

export function executable(path: string, aptPackage: string): Prerequisite {
  return {
    what: `${path} (apt-get install ${aptPackage})`,
    present: () => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function commandWorks(argv: [string, ...string[]], what: string): Prerequisite {
  return {
    what,
    present: () => {
      try {
        execFileSync(argv[0], argv.slice(1), { stdio: "ignore", timeout: 10_000 });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Returns a reason to skip (for `describe.skipIf(reason)`), or undefined when everything is present.
 * Throws when a prerequisite is missing and the run demands every tier.
 */
export function missingPrerequisites(...needs: Prerequisite[]): string | undefined {
  const missing = needs.filter((need) => !need.present()).map((need) => need.what);
  if (missing.length === 0) return undefined;
  const reason = `skipped: missing ${missing.join(", ")}`;
  if (process.env.FULCRUM_REQUIRE_ALL_TIERS === "1") {
    throw new Error(`This run requires every test tier, but ${reason.replace("skipped: ", "")}`);
  }
  console.warn(reason);
  return reason;
}
