// Bundles the emulator's Web Worker (v86 + the guest machine) and the saved states' compression
// worker into public/emulator/, outside Next's bundler: v86 is a large prebuilt module with
// Node-only branches that must stay unresolved in the browser, and the compressor loads its wasm
// from beside its script.
import { build } from "esbuild";
import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
/** Both workers are ES modules for today's browsers, minified. */
const workerOptions = { bundle: true, format: "esm", platform: "browser", target: "es2022", minify: true, logLevel: "warning" };
await build({
  ...workerOptions,
  entryPoints: [join(repo, "emulator/src/browser/sandbox.worker.ts")],
  outfile: join(repo, "public/emulator/sandbox-worker.js"),
  sourcemap: true,
  // v86 requires these only when it runs under Node (behind typeof-require checks).
  external: ["node:*", "crypto", "fs", "perf_hooks"],
});
await build({
  ...workerOptions,
  entryPoints: [join(repo, "app/_lib/persistence/compression.worker.ts")],
  outfile: join(repo, "public/emulator/compression-worker.js"),
});
copyFileSync(join(repo, "node_modules/@bokuweb/zstd-wasm/dist/web/zstd.wasm"), join(repo, "public/emulator/zstd.wasm"));
console.log(`workers bundled in ${Date.now() - started} ms`);
