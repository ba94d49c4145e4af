import assert from "node:assert/strict";
import { test } from "node:test";
import { diskOf, partOffsets, partsSpanned, preloadParts, type DiskReader } from "./disk-preload";

const CHUNK = 256 * 1024;

test("part names become byte offsets; names of another size or shape are skipped", () => {
  assert.deepEqual(
    partOffsets(["disk/disk-0-262144.img.zst", "disk/disk-262144-524288.img.zst", "disk/disk-0-4096.img.zst", "hot-parts.json"], CHUNK),
    [0, CHUNK],
  );
});

test("reads every part through the disk, a few at a time", async () => {
  let inFlight = 0;
  let most = 0;
  const read: number[] = [];
  const disk: DiskReader = {
    get(offset, length, done) {
      assert.equal(length, CHUNK);
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        read.push(offset);
        done(new Uint8Array(length));
      }, 2);
    },
  };
  const offsets = Array.from({ length: 20 }, (_, i) => i * CHUNK);
  assert.equal(await preloadParts(disk, offsets, CHUNK, { concurrency: 3 }), 20);
  assert.deepEqual([...read].sort((a, b) => a - b), offsets);
  assert.equal(most, 3);
});

test("stops starting reads once aborted", async () => {
  const abort = new AbortController();
  let reads = 0;
  const disk: DiskReader = {
    get(_offset, length, done) {
      if (++reads === 2) abort.abort();
      setTimeout(() => done(new Uint8Array(length)), 1);
    },
  };
  const done = await preloadParts(disk, Array.from({ length: 10 }, (_, i) => i * CHUNK), CHUNK, { concurrency: 1, signal: abort.signal });
  assert.equal(done, 2);
});

test("finds v86's disk only where v86 0.5 keeps it, and only a caching one", () => {
  const buffer = { get() {}, cache_reads: true };
  assert.equal(diskOf({ v86: { cpu: { devices: { ide: { primary: { master: { buffer } } } } } } }), buffer);
  assert.equal(diskOf({ v86: { cpu: { devices: { ide: { primary: { master: { buffer: { get() {}, cache_reads: false } } } } } } } }), null);
  assert.equal(diskOf({}), null);
  assert.equal(diskOf(null), null);
});

test("a read that crosses a part boundary touches both parts", () => {
  const chunk = 256 * 1024;
  assert.deepEqual(partsSpanned(0, chunk, chunk), [0]);
  assert.deepEqual(partsSpanned(chunk - 4096, 131072, chunk), [0, 1]);
  assert.deepEqual(partsSpanned(3 * chunk + 10, 2 * chunk, chunk), [3, 4, 5]);
  assert.deepEqual(partsSpanned(5 * chunk, 0, chunk), [5]);
});
