import { describe, expect, it } from "vitest";
import { asRootArgv, sessionExecutor } from "../../../core/actions/host-executor.ts";
import { toShellCommand } from "../../../core/commands/shell-quote.ts";
import {
  parseTableRead,
  READ_TABLE_ARGV,
  readIpvsTable,
  TableReadError,
} from "../../../core/actions/read-ipvs-state.ts";
import { labServices } from "./lab-state.ts";

describe("table read", () => {
  it("joins thresholds onto the default listing by service and backend", () => {
    const nat = labServices()[0];
    expect(
      nat?.realServers.map((server) => [
        server.address,
        server.weight,
        server.upperThreshold,
        server.lowerThreshold,
      ]),
    ).toEqual([
      ["192.0.2.11", 3, 1000, 800],
      ["192.0.2.12", 1, 500, 0],
      ["192.0.2.13", 0, 0, 0],
    ]);
  });

  it("refuses a read cut short before the thresholds listing", () => {
    expect(() => parseTableRead("IP Virtual Server version 1.2.1 (size=4096)\n")).toThrow(TableReadError);
  });

  it("reports a failing ipvsadm with its message", async () => {
    const executor = {
      run: async () => ({ stdout: "", stderr: "Can't initialize ipvs: Protocol not available\n", code: 1 }),
    };
    await expect(readIpvsTable(executor)).rejects.toThrow(
      "ipvsadm -Ln failed (exit 1): Can't initialize ipvs: Protocol not available",
    );
  });
});

describe("sessionExecutor", () => {
  it("hands a session the argv quoted by toShellCommand, with the options", async () => {
    const seen: unknown[] = [];
    const executor = sessionExecutor({
      exec: async (command, options) => {
        seen.push(command, options);
        return { stdout: "ok", stderr: "", code: 0 };
      },
    });
    expect(await executor.run(READ_TABLE_ARGV, { timeoutMs: 5 })).toEqual({
      stdout: "ok",
      stderr: "",
      code: 0,
    });
    expect(seen).toEqual([toShellCommand(READ_TABLE_ARGV), { timeoutMs: 5 }]);
    expect(seen[0]).toMatch(/^sh -c '.*' fulcrum-read-table$/s);
  });

  it("sends a root login's commands as they are, and another login's through as-root.sh", async () => {
    const sent = async (user: string): Promise<string> => {
      let command = "";
      const executor = sessionExecutor({
        target: { user },
        exec: async (text) => {
          command = text;
          return { stdout: "", stderr: "", code: 0 };
        },
      });
      await executor.run(["ipvsadm", "-e", "-t", "192.0.2.10:80"]);
      return command;
    };
    expect(await sent("root")).toBe("ipvsadm -e -t 192.0.2.10:80");
    expect(await sent("lbadmin")).toBe(toShellCommand(asRootArgv(["ipvsadm", "-e", "-t", "192.0.2.10:80"])));
    expect(await sent("lbadmin")).toMatch(/^sh -c '.*' fulcrum-as-root ipvsadm -e -t 192\.0\.2\.10:80$/s);
  });
});
