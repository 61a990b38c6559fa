import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import type { AuditEntryView } from "../../../../core/api.ts";
import {
  mergeAuditEntries,
  toAuditRows,
  withAuditEntry,
} from "../../../../renderer/view-model/audit-rows.ts";

// TEST DATA: audit entries in the contract's form, built by hand.
function entry(id: string, at: string, overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id,
    at,
    who: { osUser: "ops" },
    hostId: "lb1",
    intent: { kind: "drain", service: "10.0.0.1:80", backend: "10.0.1.1:80" },
    service: "10.0.0.1:80",
    backend: "10.0.1.1:80",
    commands: [{ shell: "ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0", status: "applied", exitCode: 0 }],
    expectedAfter: { exists: true, forward: "masq", weight: 0 },
    result: "verified",
    verified: true,
    message: "verified",
    confirmedGuards: [],
    ...overrides,
  };
}

describe("audit rows", () => {
  it("lists newest first with who, what, commands and result", () => {
    const rows = toAuditRows(
      [
        entry("a", "2026-11-25T10:00:00.000Z"),
        entry("b", "2026-11-25T11:00:00.000Z", {
          who: { osUser: "ops", sshUser: "root" },
          result: "failed",
          verified: false,
        }),
      ],
      english,
    );
    expect(rows.map((row) => row.id)).toEqual(["b", "a"]);
    expect(rows[0]).toEqual({
      id: "b",
      at: "2026-11-25T11:00:00.000Z",
      who: "ops (ssh root)",
      action: "Drain 10.0.1.1:80 in 10.0.0.1:80",
      commands: [{ shell: "ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0", status: "applied" }],
      result: "failed",
      message: "verified",
      undoable: false,
      undoLabel: "Undo",
      undoOf: undefined,
    });
    expect(rows[1]?.who).toBe("ops");
    expect(rows[1]?.undoable).toBe(true);
  });

  it("offers Undo on a verified entry only until it has been undone", () => {
    const rows = toAuditRows(
      [
        entry("drain", "2026-11-25T10:00:00.000Z"),
        entry("undo", "2026-11-25T10:01:00.000Z", {
          intent: { kind: "undrain", service: "10.0.0.1:80", backend: "10.0.1.1:80", weight: 100 },
          undoOf: "drain",
        }),
        entry("aborted", "2026-11-25T10:02:00.000Z", { result: "aborted", verified: false }),
      ],
      english,
    );
    expect(rows.map((row) => [row.id, row.undoable])).toEqual([
      ["aborted", false],
      ["undo", true],
      ["drain", false],
    ]);
    expect(rows[1]?.action).toBe("Undrain 10.0.1.1:80 in 10.0.0.1:80 to weight 100");
    expect(rows[1]?.undoOf).toBe("drain");
    // Undoing an undo applies the original change again: the button says Redo.
    expect(rows.map((row) => row.undoLabel)).toEqual(["Undo", "Redo", "Undo"]);
  });

  it("adds a pushed entry once, and merges pushes into a loaded list", () => {
    const first = [entry("a", "2026-11-25T10:00:00.000Z")];
    expect(withAuditEntry(first, entry("a", "2026-11-25T10:00:00.000Z"))).toBe(first);
    expect(withAuditEntry(first, entry("b", "2026-11-25T10:05:00.000Z")).map((kept) => kept.id)).toEqual([
      "a",
      "b",
    ]);
    const merged = mergeAuditEntries(first, [
      entry("a", "2026-11-25T10:00:00.000Z"),
      entry("c", "2026-11-25T10:06:00.000Z"),
    ]);
    expect(merged.map((kept) => kept.id)).toEqual(["a", "c"]);
  });
});
