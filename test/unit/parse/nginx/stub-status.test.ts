import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseStubStatus } from "../../../../core/parse/nginx/stub-status.ts";

const capture = readFileSync(new URL("../../../fixtures/nginx/stub-status.txt", import.meta.url), "utf8");

function lineOfError(text: string): number {
  try {
    parseStubStatus(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseStubStatus", () => {
  it("reads the real nginx 1.22 capture", () => {
    // accepts: 1 readiness probe + 20 single-request connections + 1 keep-alive connection (5
    // requests) + the status request's own connection = 23; requests: 20 + 5 + 1 = 26.
    expect(parseStubStatus(capture)).toEqual({
      active: 1,
      accepts: 23n,
      handled: 23n,
      requests: 26n,
      reading: 0,
      writing: 1,
      waiting: 0,
    });
  });

  it("reads the nginx.org documentation sample", () => {
    const doc = "Active connections: 291 \nserver accepts handled requests\n 16630948 16630948 31070465 \nReading: 6 Writing: 179 Waiting: 106 \n";
    expect(parseStubStatus(doc)).toMatchObject({ active: 291, accepts: 16630948n, requests: 31070465n, writing: 179, waiting: 106 });
  });

  it("keeps cumulative counters exact above 2^53", () => {
    const big = capture.replace(" 23 23 26 ", " 9007199254740993 9007199254740992 18446744073709551615 ");
    expect(parseStubStatus(big)).toMatchObject({ accepts: 9007199254740993n, handled: 9007199254740992n, requests: 18446744073709551615n });
  });

  it("reports the line of truncated or malformed output", () => {
    const lines = capture.split("\n");
    expect(lineOfError(lines.slice(0, 2).join("\n"))).toBe(3);
    expect(lineOfError(lines.slice(0, 3).join("\n"))).toBe(4);
    expect(lineOfError(capture.replace("Reading: 0", "Reading: x"))).toBe(4);
    expect(lineOfError(capture.replace(" 23 23 26 ", " 23 23 ")).valueOf()).toBe(3);
    expect(lineOfError("<html>404</html>")).toBe(1);
    expect(lineOfError(`${capture}extra line\n`)).toBe(5);
  });
});
