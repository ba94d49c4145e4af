// Bundles the emulator's Web Worker (v86 + the guest machine) into public/emulator/, outside
// Next's bundler: v86 is a large prebuilt module with Node-only branches that must stay
// unresolved in the browser.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
await build({
  entryPoints: [join(repo, "emulator/src/browser/sandbox.worker.ts")],
  outfile: join(repo, "public/emulator/sandbox-worker.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  // v86 requires these only when it runs under Node (behind typeof-require checks).
  external: ["node:*", "crypto", "fs", "perf_hooks"],
  logLevel: "warning",
});
console.log(`worker bundled in ${Date.now() - started} ms`);
