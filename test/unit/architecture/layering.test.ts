// The import directions of DESIGN.md §1 are enforced by eslint.config.js. These cases prove the rule
// fires (and stays quiet) for each layer, so a config edit cannot silently switch it off.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

describe("layering rule", () => {
  it.each([
    ["core/x.ts", 'import { app } from "electron";\nexport const a = app;\n'],
    ["core/x.ts", 'import { main } from "../electron/main.ts";\nexport const a = main;\n'],
    ["core/x.ts", 'import { useState } from "react";\nexport const a = useState;\n'],
    ["renderer/x.ts", 'import { Client } from "ssh2";\nexport const a = Client;\n'],
    ["renderer/x.ts", 'import { readFile } from "node:fs";\nexport const a = readFile;\n'],
    ["renderer/x.ts", 'import { toJson } from "../core/model/json.ts";\nexport const a = toJson;\n'],
    ["renderer/x.ts", 'import { apiRequests } from "../core/api.ts";\nexport const a = apiRequests;\n'],
    ["renderer/x.ts", 'import { ipcRenderer } from "electron";\nexport const a = ipcRenderer;\n'],
    ["electron/x.ts", 'import { App } from "../renderer/app.tsx";\nexport const a = App;\n'],
    ["cli/x.ts", 'import { app } from "electron";\nexport const a = app;\n'],
    ["shared/x.ts", 'import { readFile } from "node:fs";\nexport const a = readFile;\n'],
    ["shared/x.ts", 'import { z } from "zod";\nexport const a = z;\n'],
    ["shared/x.ts", 'import { toJson } from "../core/model/json.ts";\nexport const a = toJson;\n'],
    ["shared/x.ts", 'import { apiRequests } from "../core/api.ts";\nexport const a = apiRequests;\n'],
    ["shared/x.ts", 'import { connectApi } from "../renderer/api-client.ts";\nexport const a = connectApi;\n'],
    ["shared/x.ts", 'import { useState } from "react";\nexport const a = useState;\n'],
  ])("refuses %s: %s", async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ["renderer/x.ts", 'import type { HostSummary } from "../core/api.ts";\nexport type A = HostSummary;\n'],
    ["electron/x.ts", 'import { apiRequests } from "../core/api.ts";\nexport const a = apiRequests;\n'],
    ["cli/x.ts", 'import { toJson } from "../core/model/json.ts";\nexport const a = toJson;\n'],
    ["core/x.ts", 'import { Client } from "ssh2";\nexport const a = Client;\n'],
    ["renderer/x.ts", 'import { serviceKey } from "../shared/service-key.ts";\nexport const a = serviceKey;\n'],
    ["electron/x.ts", 'import { bridgeErrorMessage } from "../shared/api-error.ts";\nexport const a = bridgeErrorMessage;\n'],
    ["core/x.ts", 'import { drainVerdict } from "../shared/drain-verdict.ts";\nexport const a = drainVerdict;\n'],
    ["cli/x.ts", 'import { drainVerdict } from "../shared/drain-verdict.ts";\nexport const a = drainVerdict;\n'],
    ["shared/x.ts", 'import type { ApiResult } from "../core/api.ts";\nexport type A = ApiResult<string>;\n'],
  ])("allows %s: %s", async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
