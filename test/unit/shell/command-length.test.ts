// Programs sent as the exec command line must stay under Dropbear's limit (about 9,000 bytes,
// lab-notes.md), or an appliance drops the connection; longer ones go on stdin.
import { describe, expect, it } from "vitest";
import { toShellCommand } from "../../../core/commands/shell-quote.ts";
import { longestCommandLines } from "./sent-programs.ts";

const DROPBEAR_LIMIT = 9000;

describe("exec command lines", () => {
  it.each(longestCommandLines().map((line) => [line.name, line.argv] as const))(
    "%s stays under Dropbear's limit",
    (_name, argv) => {
      const length = Buffer.byteLength(toShellCommand(argv));
      expect(length).toBeGreaterThan(0);
      expect(length).toBeLessThan(DROPBEAR_LIMIT);
    },
  );
});
