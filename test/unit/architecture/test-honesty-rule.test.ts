// Tests that could pass without checking anything are refused by eslint.config.js: an empty
// array's every() is true, and a bare toThrow() accepts any exception. These cases prove the rule
// fires for each form and stays quiet for the honest ones.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function honestyErrors(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: "test/unit/x.test.ts" });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-syntax")
    .map((message) => message.message);
}

const header = 'import { expect } from "vitest";\nconst items: number[] = [];\n';

describe("the test-honesty lint rule", () => {
  it.each([
    "expect(items.every((n) => n > 0)).toBe(true);",
    "expect(items?.every((n) => n > 0)).toBe(true);",
    "expect(() => JSON.parse('{')).toThrow();",
    "await expect(Promise.reject(new Error('x'))).rejects.toThrow();",
  ])("refuses %s", async (line) => {
    expect(await honestyErrors(`${header}${line}\n`)).toHaveLength(1);
  });

  it.each([
    "expect(items.length).toBeGreaterThan(0);",
    "expect(() => JSON.parse('{')).toThrow(SyntaxError);",
    "expect(() => JSON.parse('{')).toThrow(/JSON/);",
    "const all = items.every((n) => n > 0);\nexpect(all || items.length === 0).toBe(true);",
  ])("allows %s", async (line) => {
    expect(await honestyErrors(`${header}${line}\n`)).toEqual([]);
  });
});
