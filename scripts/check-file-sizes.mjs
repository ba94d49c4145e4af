#!/usr/bin/env node
// Fails when a file the site serves is larger than static hosts take (docs/deploy.md: Cloudflare
// Pages refuses files over 25 MiB; 20 MiB leaves room). scripts/build.sh runs it after `next build`.
//
//   node scripts/check-file-sizes.mjs [dir]      (default: out/)

import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MAX_FILE_BYTES = 20 * 2 ** 20;

/** Every file under `dir` larger than `limit` bytes, largest first: { file (relative to dir), size }. */
export function oversizedFiles(dir, limit = MAX_FILE_BYTES) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const { size } = statSync(full);
        if (size > limit) found.push({ file: path.relative(dir, full), size });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => b.size - a.size);
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function main() {
  const dir = path.resolve(process.argv[2] ?? "out");
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
  } catch {
    console.error(`check-file-sizes: ${dir} is not a folder. Build the site first.`);
    process.exit(2);
  }
  const oversized = oversizedFiles(dir);
  if (oversized.length > 0) {
    console.error(`check-file-sizes: ${oversized.length} file(s) in ${dir} larger than ${mib(MAX_FILE_BYTES)}, which static hosts refuse (docs/deploy.md):`);
    for (const { file, size } of oversized) console.error(`  ${file}: ${mib(size)} (${size} bytes)`);
    process.exit(1);
  }
  console.log(`check-file-sizes: every file in ${path.relative(process.cwd(), dir) || dir} is at most ${mib(MAX_FILE_BYTES)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
