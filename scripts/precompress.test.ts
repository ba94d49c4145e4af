import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { precompress } from "./precompress.mjs";

test("precompress writes gzip and Brotli copies of scripts and wasm, never of .zst files, tiny files or ones that do not shrink", (t) => {
  const site = mkdtempSync(path.join(tmpdir(), "dbl-precompress-"));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  const script = "console.log('a lesson');\n".repeat(400);
  const wasm = Buffer.concat([Buffer.from("\0asm\x01\0\0\0"), Buffer.alloc(50_000, 7)]);
  const noise = randomBytes(8192);
  const files: Record<string, string | Buffer> = {
    "_next/static/chunks/main.js": script,
    "guest/v1/v86.wasm": wasm,
    "guest/v1/state/state-0.bin.zst": Buffer.alloc(50_000),
    "guest/v1/disk/disk-0-262144.img.zst": Buffer.alloc(50_000),
    "en/tiny.txt": "short",
    "guest/v1/noise.bin": noise,
  };
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), data);
  }

  const totals = precompress(site);

  assert.equal(totals.files, 2);
  assert.deepEqual(gunzipSync(readFileSync(path.join(site, "_next/static/chunks/main.js.gz"))).toString(), script);
  assert.deepEqual(gunzipSync(readFileSync(path.join(site, "guest/v1/v86.wasm.gz"))), wasm);
  assert.deepEqual(brotliDecompressSync(readFileSync(path.join(site, "guest/v1/v86.wasm.br"))), wasm);
  assert.equal(brotliDecompressSync(readFileSync(path.join(site, "_next/static/chunks/main.js.br"))).toString(), script);
  for (const file of ["guest/v1/state/state-0.bin.zst", "guest/v1/disk/disk-0-262144.img.zst", "en/tiny.txt", "guest/v1/noise.bin"]) {
    for (const suffix of [".gz", ".br"]) assert.equal(existsSync(path.join(site, file + suffix)), false, file + suffix);
  }
  assert.ok(totals.gzipBytes < totals.bytes / 10);
  assert.ok(totals.brotliBytes < totals.gzipBytes);
});
