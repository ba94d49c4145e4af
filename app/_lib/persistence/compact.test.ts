import assert from "node:assert/strict";
import { test } from "node:test";
import { sha256Hex } from "@/emulator/browser";
import { Compactor } from "./compact";
import { decodeState, setStateTransform } from "./compression";
import { memoryStore } from "./kv";
import { StateStore, type NewStateRecord } from "./state-store";
import { transformState } from "./state-codec";

setStateTransform((op, data) => transformState(op, data)); // Node has no Web Worker

async function rawState(store: StateStore, text: string) {
  const bytes = new TextEncoder().encode(text.repeat(1000));
  const sha = await sha256Hex(bytes);
  const fields: NewStateRecord = {
    encoding: "raw",
    storedSha256: sha,
    meta: { diskSha256: "d", optionsHash: "o", v86Version: "v", memoryMB: 1, sha256: sha, size: bytes.length },
  };
  return { bytes, record: await store.write(new Blob([bytes]), fields) };
}

/** A compactor whose timer fires only when the test says so. */
function manual(store: StateStore, idle: () => boolean) {
  let fire: (() => void) | null = null;
  const compacted: string[] = [];
  const compactor = new Compactor({
    store,
    isIdle: idle,
    onCompacted: (r) => compacted.push(r.encoding),
    setTimeout: (fn) => ((fire = fn), 1),
    clearTimeout: () => (fire = null),
  });
  return { compactor, compacted, fire: () => fire?.(), armed: () => fire !== null };
}

test("an idle machine's raw save is replaced by its zstd copy, which restores the same bytes", async () => {
  const store = new StateStore(memoryStore());
  const { bytes, record } = await rawState(store, "machine ");
  const { compactor, compacted } = manual(store, () => true);
  assert.equal(await compactor.run(), "compacted");
  const current = (await store.current())!;
  assert.equal(current.id, record.id);
  assert.equal(current.encoding, "zstd");
  assert.ok(current.storedSize < bytes.length / 10);
  const stored = await (await store.readData(current)).arrayBuffer();
  assert.equal(await sha256Hex(stored), current.storedSha256);
  assert.deepEqual(new Uint8Array(await decodeState(stored, "zstd")), bytes);
  assert.deepEqual(compacted, ["zstd"]);
  assert.equal(await compactor.run(), "nothing", "already compressed");
});

test("compaction waits while the learner runs something, and a cancel stops it", async () => {
  const store = new StateStore(memoryStore());
  await rawState(store, "machine ");
  let idle = false;
  const t = manual(store, () => idle);
  t.compactor.schedule();
  t.fire();
  assert.ok(t.armed(), "busy: asked again later");
  assert.equal((await store.current())?.encoding, "raw");
  await t.compactor.cancel();
  assert.ok(!t.armed());
  idle = true;
  t.compactor.schedule();
  t.fire();
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await store.current())?.encoding, "zstd");
});

test("a save during compaction wins; a damaged raw state is left for the resume to refuse", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  await rawState(store, "old ");
  const { compactor } = manual(store, () => true);
  const running = compactor.run();
  const newer = await rawState(store, "new "); // lands while the old one is being compressed
  assert.equal(await running, "superseded");
  assert.equal((await store.current())?.id, newer.record.id);
  assert.equal((await store.current())?.encoding, "raw");

  kv.map.set(newer.record.dataKey, new Blob(["flipped"]));
  assert.equal(await compactor.run(), "nothing");
  assert.equal((await store.current())?.encoding, "raw");
});

test("a raw state that is not the machine's saved bytes is never compressed", async () => {
  const kv = memoryStore();
  const store = new StateStore(kv);
  const { record } = await rawState(store, "damaged when saved ");
  // Stored bytes that match their own checksum but not the machine's: compressing would hide that.
  await store.write(await store.readData(record), { encoding: "raw", storedSha256: record.storedSha256, meta: { ...record.meta, sha256: "0".repeat(64) } });
  const { compactor } = manual(store, () => true);
  assert.equal(await compactor.run(), "nothing");
  assert.equal((await store.current())?.encoding, "raw");
});
