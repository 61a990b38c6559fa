import { defineConfig } from "vitest/config";

// Unit tests are fast and pure; integration, lab and e2e tests start real processes
// (sshd, haproxy, qemu, chromium), so they get long timeouts and run one file at a time.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["node_modules", "test/lab/.cache"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: ["default"],
  },
});
