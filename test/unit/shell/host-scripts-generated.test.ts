// The .sh files are the source of the shell Fulcrum sends; core/shell/host-scripts.generated.ts is
// what the runtimes load. This fails while the two disagree (run `npm run generate:host-scripts`).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOST_SCRIPTS } from "../../../core/shell/host-scripts.generated.ts";
import { hostScript } from "../../../core/shell/host-script.ts";
import {
  currentHostScriptsModule,
  GENERATED_MODULE,
  hostScriptFiles,
  ROOT,
} from "../../../tools/generate-host-scripts.ts";

describe("the generated host-script module", () => {
  it("is up to date with every .sh file under core/ (npm run generate:host-scripts)", () => {
    expect(readFileSync(GENERATED_MODULE, "utf8")).toBe(currentHostScriptsModule());
  });

  it("carries each file byte for byte, under its path", () => {
    const files = hostScriptFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(HOST_SCRIPTS).sort()).toEqual(files);
    for (const file of files) {
      expect(HOST_SCRIPTS[file as keyof typeof HOST_SCRIPTS]).toBe(readFileSync(path.join(ROOT, file), "utf8"));
    }
  });

  it("joins a program's parts in the order given", () => {
    const [first, second] = Object.keys(HOST_SCRIPTS) as (keyof typeof HOST_SCRIPTS)[];
    if (!first) throw new Error("no host scripts");
    expect(hostScript(first)).toBe(HOST_SCRIPTS[first]);
    if (second) expect(hostScript(second, first)).toBe(HOST_SCRIPTS[second] + HOST_SCRIPTS[first]);
  });
});
