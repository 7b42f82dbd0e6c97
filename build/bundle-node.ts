// The relay and the CLI as plain JavaScript for Node: the project's own
// TypeScript (workspace packages included) is bundled into one file each;
// npm packages stay imports, resolved from node_modules at run time, so a
// production install (`npm ci --omit=dev`) supplies them and nothing is compiled at start.
import { build, type Plugin } from "esbuild";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");

/** The Node entry points a build produces, by output file name under dist/. */
export const NODE_ENTRIES = {
  "relay.js": "sync-server/src/main.ts",
  "cli.js": "cli/src/main.ts",
} as const;

// Bare imports other than the workspace's own @tally/* packages are left to Node.
const npmPackagesExternal: Plugin = {
  name: "npm-packages-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@tally/") ? undefined : { path: args.path, external: true }));
  },
};

export async function bundleNode(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [resolve(ROOT, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    sourcemap: true,
    logLevel: "warning",
    plugins: [npmPackagesExternal],
  });
}
