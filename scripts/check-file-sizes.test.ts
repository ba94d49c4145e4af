import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { MAX_FILE_BYTES, oversizedFiles } from "./check-file-sizes.mjs";

const script = path.join(import.meta.dirname, "check-file-sizes.mjs");

function site(files: Record<string, number>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dbl-sizes-"));
  for (const [name, size] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), "");
    truncateSync(path.join(dir, name), size); // sparse: no 20 MiB written
  }
  return dir;
}

test("a site whose files are all at most 20 MiB passes", (t) => {
  const dir = site({ "index.html": 100, "guest/abc/state/state-0.bin.zst": MAX_FILE_BYTES, "guest/abc/disk/disk-0-262144.img.zst": 5000 });
  t.after(() => rmSync(dir, { recursive: true }));
  assert.deepEqual(oversizedFiles(dir), []);
  const run = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /every file in .* is at most 20\.0 MiB/);
});

test("a file over 20 MiB fails the check, named with its size", (t) => {
  const dir = site({ "index.html": 100, "guest/abc/state.bin.zst": 48_609_930, "guest/abc/v86.wasm": MAX_FILE_BYTES + 1 });
  t.after(() => rmSync(dir, { recursive: true }));
  assert.deepEqual(oversizedFiles(dir), [
    { file: path.join("guest", "abc", "state.bin.zst"), size: 48_609_930 },
    { file: path.join("guest", "abc", "v86.wasm"), size: MAX_FILE_BYTES + 1 },
  ]);
  const run = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /2 file\(s\) in .* larger than 20\.0 MiB/);
  assert.match(run.stderr, /guest\/abc\/state\.bin\.zst: 46\.4 MiB \(48609930 bytes\)/);
  assert.match(run.stderr, /guest\/abc\/v86\.wasm: 20\.0 MiB \(20971521 bytes\)/);
});

test("a missing folder is an error of its own", () => {
  const run = spawnSync(process.execPath, [script, path.join(tmpdir(), "dbl-no-such-site")], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /is not a folder/);
});
