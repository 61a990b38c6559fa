/** Test helpers: read an IPVS fixture, and catch the ParseError a parser must throw. */
import { readFileSync } from "node:fs";
import { ParseError } from "../../../../core/model/parse-error.ts";

const FIXTURES = new URL("../../../fixtures/ipvs/", import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

/** The ParseError `run` throws; fails the test when it returns or throws anything else. */
export function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw new Error(`expected a ParseError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a ParseError, the parser returned");
}

/** Title lines of `ipvsadm -Ln` tables, to put above the row-only real excerpts. */
export const LIST_TITLE =
  "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
