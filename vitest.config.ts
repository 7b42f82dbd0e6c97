import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["core/**/*.test.ts", "documents/**/*.test.ts", "sync-server/**/*.test.ts", "cli/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/relay-bundle.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
