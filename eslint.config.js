// Lint, and the architecture as a rule (DESIGN.md §1): dependencies point one way.
//   renderer -> core/api.ts (types only)      electron -> core      cli -> core      core -> nothing of ours above it
//   shared/ is pure code every runtime may import (VS Code's common/): the core, the CLI, the
//   preload and the renderer; it imports nothing but types from core/api.ts.
// `electron` is imported only under electron/; ssh2, ws and node:* never reach the renderer or shared/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (patterns, paths = []) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns, paths }],
});

const electronOnlyHere = {
  group: ["electron", "electron/*"],
  message: "Only electron/ may import Electron.",
};
const serverOnly = ["node:*", "ssh2", "ssh2/*", "ws", "zod", "zod/*"];
const uiLibraries = {
  group: ["react", "react-dom", "react-dom/*", "recharts", "zustand", "zustand/*"],
  message: "UI libraries belong to renderer/.",
};

export default tseslint.config(
  {
    ignores: ["node_modules/", ".vite/", "out/", "dist/", "test/lab/.cache/", "test-results/", "bin/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: restrict([
      {
        group: ["**/electron/**", "**/renderer/**", "**/cli/**"],
        message: "core/ imports nothing from the layers above it.",
      },
      electronOnlyHere,
      uiLibraries,
    ]),
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    rules: restrict([
      {
        group: ["**/core/**", "!**/core/api.ts"],
        message: "The renderer reaches the core only through types in core/api.ts.",
      },
      {
        group: ["**/core/api.ts"],
        allowTypeImports: true,
        message: "Import only types from core/api.ts in the renderer.",
      },
      {
        group: ["**/electron/**", "**/cli/**"],
        message: "The renderer talks to main only through window.fulcrum.",
      },
      { group: serverOnly, message: "No Node, SSH or server code in the renderer." },
      electronOnlyHere,
    ]),
  },
  {
    files: ["shared/**/*.ts"],
    rules: restrict([
      {
        group: ["**/core/**", "!**/core/api.ts"],
        message: "shared/ reaches the core only through types in core/api.ts.",
      },
      {
        group: ["**/core/api.ts"],
        allowTypeImports: true,
        message: "Import only types from core/api.ts in shared/.",
      },
      {
        group: ["**/electron/**", "**/renderer/**", "**/cli/**"],
        message: "shared/ is below every runtime: it imports none of them.",
      },
      {
        group: serverOnly,
        message:
          "shared/ runs in the renderer and the sandboxed preload too: no Node, SSH, server code or zod.",
      },
      electronOnlyHere,
      uiLibraries,
    ]),
  },
  {
    files: ["electron/**/*.ts"],
    rules: restrict([
      {
        group: ["**/renderer/**", "**/cli/**"],
        message: "electron/ wires the core to the window; it does not reach into the renderer or CLI.",
      },
      uiLibraries,
    ]),
  },
  {
    // Tests that could pass without checking anything (an empty array's every(), any exception).
    files: ["test/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.name='expect'] > CallExpression.arguments[callee.property.name='every']",
          message:
            "expect(items.every(...)) passes when items is empty: use expectEvery(items, ...) from test/support/expect-every.ts.",
        },
        {
          selector:
            "CallExpression[callee.name='expect'] > ChainExpression > CallExpression[callee.property.name='every']",
          message:
            "expect(items?.every(...)) passes when items is empty: use expectEvery(items ?? [], ...) from test/support/expect-every.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='toThrow'][arguments.length=0]",
          message: "A bare toThrow() passes on any exception: name the error (its class, code or message).",
        },
      ],
    },
  },
  {
    files: ["cli/**/*.ts", "bench/**/*.ts"],
    rules: restrict([
      { group: ["**/electron/**", "**/renderer/**"], message: "The CLI is a thin carrier over core/." },
      electronOnlyHere,
      uiLibraries,
    ]),
  },
);
