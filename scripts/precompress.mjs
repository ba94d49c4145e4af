#!/usr/bin/env node
// Writes compressed copies (`<file>.br`, `<file>.gz`) beside every compressible file of the static
// site, so the bytes before the prompt are what a real host sends: Cloudflare Pages, Netlify and
// GitHub Pages compress scripts and WebAssembly on the fly, nginx's gzip_static sends the .gz, and
// scripts/serve.mjs the .br (or the .gz) to browsers that accept it. v86.wasm is 2.1 MB, 0.40 MB
// gzip'd, 0.28 MB with Brotli. The guest's .zst files are left alone: the emulator decompresses
// them itself.
//
//   node scripts/precompress.mjs [dir]      (default: out/; scripts/build.sh runs it)

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** What compresses: text, WebAssembly and the BIOSes (`.bin`). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|txt|map|svg|wasm|bin)$/i;
/** Smaller files gain little over the response headers. */
const MIN_BYTES = 1024;
/** A copy is kept only if it saves at least a tenth. */
const MAX_RATIO = 0.9;

/** Writes the copies under `dir`; returns { files, bytes, gzipBytes, brotliBytes } of those written. */
export function precompress(dir) {
  const totals = { files: 0, bytes: 0, gzipBytes: 0, brotliBytes: 0 };
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && COMPRESSIBLE.test(entry.name) && statSync(full).size >= MIN_BYTES) {
        const data = readFileSync(full);
        const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
        if (gz.length > data.length * MAX_RATIO) continue;
        const br = brotliCompressSync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        });
        writeFileSync(`${full}.gz`, gz);
        writeFileSync(`${full}.br`, br);
        totals.files++;
        totals.bytes += data.length;
        totals.gzipBytes += gz.length;
        totals.brotliBytes += br.length;
      }
    }
  };
  walk(dir);
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? "out");
  const { files, bytes, gzipBytes, brotliBytes } = precompress(dir);
  const mb = (n) => (n / 1e6).toFixed(1);
  console.log(`precompress: ${files} files in ${path.basename(dir)}/, ${mb(bytes)} MB -> ${mb(gzipBytes)} MB gzip, ${mb(brotliBytes)} MB Brotli`);
}
