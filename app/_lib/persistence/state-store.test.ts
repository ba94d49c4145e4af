import assert from "node:assert/strict";
import { test } from "node:test";
import { memoryStore } from "./kv";
import { STATE_ARCHIVE_KEY, STATE_DATA_PREFIX, STATE_POINTER_KEY, StateStore, type NewStateRecord } from "./state-store";

const meta = (sha: string): NewStateRecord["meta"] => ({
  diskSha256: "d".repeat(64),
  optionsHash: "o",
  v86Version: "0.5.462",
  memoryMB: 256,
  sha256: sha,
  size: 4,
});
const fields = (n: number): NewStateRecord => ({ encoding: "raw", storedSha256: String(n).repeat(64).slice(0, 64), meta: meta("a".repeat(64)) });
const blob = (s: string) => new Blob([s]);
const dataKeys = (m: Map<string, unknown>) => [...m.keys()].filter((k) => k.startsWith(STATE_DATA_PREFIX));

test("a save writes the bytes first, then switches the pointer, then deletes the old bytes", async () => {
  const kv = memoryStore();
  const order: string[] = [];
  const set = kv.set;
  kv.set = async (k, v) => (order.push("set " + (k === STATE_POINTER_KEY ? "pointer" : "data")), set(k, v));
  const del = kv.del;
  kv.del = async (k) => (order.push("del data"), del(k));
  const store = new StateStore(kv);
  const first = await store.write(blob("one!"), fields(1));
  order.length = 0;
  const second = await store.write(blob("two!"), fields(2));
  assert.deepEqual(order, ["set data", "set pointer", "del data"]);
  assert.notEqual(first.dataKey, second.dataKey);
  assert.equal((await store.current())?.id, second.id);
  assert.equal(await (await store.readData(second)).text(), "two!");
  assert.deepEqual(dataKeys(kv.map), [second.dataKey]);
});

test("a write that fails (full quota) leaves the previous state whole", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  const first = await store.write(blob("one!"), fields(1));
  kv.failSet = () => Object.assign(new Error("quota"), { name: "QuotaExceededError" });
  await assert.rejects(store.write(blob("two!"), fields(2)), { name: "QuotaExceededError" });
  assert.equal((await store.current())?.id, first.id);
  assert.equal(await (await store.readData(first)).text(), "one!");
  // A failure on the pointer itself: the new bytes are removed again.
  kv.failSet = (k) => (k === STATE_POINTER_KEY ? new Error("quota") : null);
  await assert.rejects(store.write(blob("three"), fields(3)));
  assert.deepEqual(dataKeys(kv.map), [first.dataKey]);
});

test("every stop point of a save leaves a readable current state", async () => {
  // Simulate a tab closed after each step: the pointer always names bytes that exist.
  for (let stopAfter = 0; stopAfter < 3; stopAfter++) {
    const kv = memoryStore();
    const store = new StateStore(kv);
    const first = await store.write(blob("one!"), fields(1));
    let steps = 0;
    const set = kv.set, del = kv.del;
    const crash = () => {
      if (steps++ >= stopAfter) throw new Error("tab closed");
    };
    kv.set = async (k, v) => (crash(), set(k, v));
    kv.del = async (k) => (crash(), del(k));
    await store.write(blob("two!"), fields(2)).catch(() => {});
    kv.set = set;
    kv.del = del;
    const current = await store.current();
    assert.ok(current);
    const text = await (await store.readData(current)).text();
    assert.ok(text === "one!" || text === "two!", `stop ${stopAfter}: ${text}`);
    if (stopAfter === 0) assert.equal(current.id, first.id);
    await store.collect();
    assert.deepEqual(dataKeys(kv.map), [current.dataKey]);
  }
});

test("archive keeps a state aside for download; clear forgets the current one", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  const first = await store.write(blob("old!"), fields(1));
  await store.archiveCurrent();
  assert.equal(await store.current(), null);
  assert.equal((await store.archived())?.id, first.id);
  const second = await store.write(blob("new!"), fields(2));
  assert.equal(await (await store.readData((await store.archived())!)).text(), "old!");
  assert.equal(await store.collect(), 0);
  await store.clear();
  assert.equal(await store.current(), null);
  assert.ok(!kv.map.has(second.dataKey));
  await store.deleteArchived();
  assert.ok(!kv.map.has(STATE_ARCHIVE_KEY));
  assert.deepEqual(dataKeys(kv.map), []);
});

test("an unreadable pointer counts as no saved state", async () => {
  const kv = memoryStore();
  kv.map.set(STATE_POINTER_KEY, { version: 0, junk: true });
  assert.equal(await new StateStore(kv).current(), null);
});

test("reencode swaps in the same save in another encoding, only while it is still current", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  const raw = await store.write(blob("one!"), fields(1));
  const gz = await store.reencode(raw, blob("1"), { encoding: "gzip", storedSha256: "e".repeat(64) });
  assert.ok(gz);
  assert.equal(gz.id, raw.id, "the same save");
  assert.equal(gz.savedAt, raw.savedAt);
  assert.deepEqual(gz.meta, raw.meta);
  assert.equal(gz.storedSize, 1);
  assert.deepEqual(await store.current(), gz);
  assert.deepEqual(dataKeys(kv.map), [gz.dataKey], "the raw bytes are gone");

  // A save that came in between wins; the re-encoded bytes are dropped.
  const next = await store.write(blob("two!"), fields(2));
  assert.equal(await store.reencode(gz, blob("x"), { encoding: "raw", storedSha256: "f".repeat(64) }), null);
  assert.equal((await store.current())?.id, next.id);
  assert.deepEqual(dataKeys(kv.map), [next.dataKey]);

  // So does a reset.
  await store.clear();
  assert.equal(await store.reencode(next, blob("2"), { encoding: "gzip", storedSha256: "e".repeat(64) }), null);
  assert.equal(await store.current(), null);
  assert.deepEqual(dataKeys(kv.map), []);
});

test("a write stores the bytes while its checksum is still being made", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  let finish: (f: NewStateRecord) => void = () => {};
  const writing = store.write(blob("one!"), new Promise<NewStateRecord>((r) => (finish = r)));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(dataKeys(kv.map).length, 1, "the bytes are written first");
  assert.equal(await store.current(), null, "nothing points at them yet");
  finish(fields(1));
  const record = await writing;
  assert.equal((await store.current())?.id, record.id);
  // A checksum that fails leaves no bytes behind.
  await assert.rejects(store.write(blob("two!"), Promise.reject(new Error("digest failed"))), /digest failed/);
  assert.deepEqual(dataKeys(kv.map), [record.dataKey]);
});
