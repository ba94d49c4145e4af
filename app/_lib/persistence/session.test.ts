import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeSandbox } from "@/emulator/testing";
import { sha256Hex } from "@/emulator/browser";
import { gzipSync } from "node:zlib";
import { zstdContentSize } from "@/emulator/browser";
import { decodeState, setStateTransform } from "./compression";
import { memoryStore } from "./kv";
import { transformState } from "./state-codec";
import { MachinePersistence } from "./session";
import { STATE_ARCHIVE_KEY, STATE_POINTER_KEY, STATE_ROOM_KEY, type SavedStateRecord } from "./state-store";
import { fakeBus, fakeLocks } from "@/app/_testing/persistence-fakes";

setStateTransform((op, data) => transformState(op, data)); // Node has no Web Worker

const expected = { diskSha256: "fake-disk", optionsHash: "fake-options", v86Version: "fake", memoryMB: 0 };

function tabs() {
  const kv = memoryStore();
  const locks = fakeLocks();
  const bus = fakeBus();
  const make = (loadExpected = async () => expected) =>
    new MachinePersistence({ kv, locks, channel: bus(), loadExpected, autosaveIntervalMs: 1e9 });
  return { kv, make };
}

/** One tab (no storage estimate) whose machine is running and saved once. */
async function savedOnce() {
  const kv = memoryStore();
  const sandbox = new FakeSandbox();
  const a = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9, storage: null });
  await a.start(sandbox);
  await a.save();
  return { kv, sandbox, a };
}

test("a save is resumed by the next visit; a state for another image is archived, not resumed", async () => {
  const { kv, make } = tabs();
  const a = make();
  const sandbox = new FakeSandbox();
  await a.start(sandbox);
  assert.equal(a.view.get().resumed, "clean");
  await a.save();
  assert.ok(kv.map.get(STATE_POINTER_KEY));
  a.dispose();

  const b = make();
  const loaded = await b.loadSaved();
  assert.ok(loaded && loaded.data.byteLength > 0);
  // A raw state is not hashed again by the machine: the page's check must have covered meta.sha256.
  assert.equal(loaded.verified, true);
  assert.equal(await sha256Hex(loaded.data), loaded.meta.sha256);
  b.dispose();

  const c = make(async () => ({ ...expected, diskSha256: "new-image" }));
  assert.equal(await c.loadSaved(), null);
  assert.equal(c.view.get().archived?.reason, "other-image");
  assert.ok(kv.map.get(STATE_ARCHIVE_KEY));
  assert.equal(kv.map.get(STATE_POINTER_KEY), undefined);
  c.dispose();
});

test("'Use it here': the owner saves its machine while still holding the lock, stops it, and the new tab resumes that save", async () => {
  const { kv, make } = tabs();
  const a = make();
  const sandboxA = new FakeSandbox();
  await a.start(sandboxA);
  await a.save();
  const before = (kv.map.get(STATE_POINTER_KEY) as { id: string }).id;

  const b = make();
  const sandboxB = new FakeSandbox();
  await b.start(sandboxB);
  assert.equal(b.view.get().ownership, "elsewhere");
  assert.equal(sandboxB.status.get(), "idle");

  await b.useHere();
  const after = (kv.map.get(STATE_POINTER_KEY) as { id: string }).id;
  assert.notEqual(after, before, "the owner saved before letting go");
  assert.equal(sandboxA.status.get(), "destroyed");
  assert.equal(a.view.get().ownership, "elsewhere");
  assert.equal(b.view.get().ownership, "owner");
  assert.equal(sandboxB.status.get(), "ready");
  assert.equal(b.view.get().resumed, "saved");
  a.dispose();
  b.dispose();
});

test("machine reset forgets the saved state", async () => {
  const { kv, make } = tabs();
  const a = make();
  await a.start(new FakeSandbox());
  await a.save();
  await a.resetMachine();
  assert.equal(kv.map.get(STATE_POINTER_KEY), undefined);
  a.dispose();
});

test("Save says 'storage full' at once, even while an automatic save is still running", async () => {
  const kv = memoryStore();
  let usage = 0;
  const storage = { estimate: async () => ({ usage, quota: 100 * 1024 * 1024 }) };
  let releaseSlowSave: () => void = () => {};
  const sandbox = new FakeSandbox();
  const a = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9, storage });
  await a.start(sandbox);
  await a.save(); // a first state, so the next one's size is known
  const slowSave = sandbox.save.bind(sandbox);
  sandbox.save = () => new Promise((resolve) => (releaseSlowSave = () => resolve(slowSave())));
  const running = a.save().catch(() => {});
  usage = 100 * 1024 * 1024; // the disk fills up meanwhile
  const started = Date.now();
  await assert.rejects(a.save(), /not enough storage space/);
  assert.ok(Date.now() - started < 500, "without waiting for the running save");
  assert.equal(a.view.get().saveError?.kind, "quota");
  releaseSlowSave();
  await running;
  a.dispose();
});

test("a full quota is known before the state is made: the room claim fails, the machine is not asked, the previous state stays", async () => {
  const { kv, sandbox, a } = await savedOnce();
  const before = kv.map.get(STATE_POINTER_KEY);
  let asked = 0;
  sandbox.save = () => {
    asked++;
    return new Promise(() => {}); // making the state never ends
  };
  kv.failSet = (key) => (key.startsWith(STATE_ROOM_KEY) ? Object.assign(new Error("Quota exceeded."), { name: "QuotaExceededError" }) : null);
  await assert.rejects(a.save(), /Quota exceeded/);
  assert.equal(a.view.get().saveError?.kind, "quota");
  assert.equal(a.view.get().saving, false);
  assert.equal(asked, 0, "the machine was not asked for a state that cannot be stored");
  assert.deepEqual(kv.map.get(STATE_POINTER_KEY), before);
  assert.deepEqual([...kv.map.keys()].filter((k) => k.startsWith(STATE_ROOM_KEY)), []);
  a.dispose();
});

test("a crashed machine is not saved, so the last good state stays current", async () => {
  const { kv, sandbox, a } = await savedOnce();
  const good = kv.map.get(STATE_POINTER_KEY);
  for (const health of ["panicked", "halted", "frozen"] as const) {
    sandbox.health.set(health);
    await assert.rejects(a.save(), new RegExp(health));
    assert.deepEqual(kv.map.get(STATE_POINTER_KEY), good);
  }
  sandbox.health.set("docker-restarting"); // still a working machine
  await a.save();
  assert.notDeepEqual(kv.map.get(STATE_POINTER_KEY), good);
  a.dispose();
});

test("a save stores the raw state, and compresses it (zstd) once the machine is idle", async () => {
  const kv = memoryStore();
  const sandbox = new FakeSandbox();
  const a = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9, compactDelayMs: 10 });
  await a.start(sandbox);
  await a.save();
  const saved = kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  assert.equal(saved.encoding, "raw");
  assert.equal(a.view.get().lastSaved?.encoding, "raw");

  await waitFor(() => (kv.map.get(STATE_POINTER_KEY) as SavedStateRecord).encoding === "zstd");
  const compacted = kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  assert.equal(compacted.id, saved.id);
  assert.equal(a.view.get().lastSaved?.encoding, "zstd");
  a.dispose();

  const b = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9 });
  const loaded = await b.loadSaved();
  // Handed over compressed: the machine's v86 decodes it into guest memory.
  assert.equal(zstdContentSize(new Uint8Array(loaded!.data)), saved.meta.size);
  assert.equal(loaded?.meta.sha256, saved.meta.sha256, "the compressed state is the saved one");
  assert.equal(await sha256Hex(await decodeState(loaded!.data, "zstd")), saved.meta.sha256);
  assert.equal(loaded?.verified, true, "the stored checksum vouches for it");
  b.dispose();
});

test("a machine kept gzip'd before zstd still resumes, as the raw state", async () => {
  const { kv, a } = await savedOnce();
  a.dispose();
  const saved = kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  const raw = new Uint8Array(await (kv.map.get(saved.dataKey) as Blob).arrayBuffer());
  const gz = gzipSync(raw);
  const dataKey = `${saved.dataKey}.gzip`;
  kv.map.set(dataKey, new Blob([gz]));
  kv.map.set(STATE_POINTER_KEY, { ...saved, dataKey, encoding: "gzip", storedSize: gz.length, storedSha256: await sha256Hex(gz) });
  const b = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9 });
  const loaded = await b.loadSaved();
  assert.equal(await sha256Hex(loaded!.data), saved.meta.sha256);
  assert.equal(loaded?.verified, true);
  b.dispose();
});

test("when the raw state does not fit but its compressed copy would, the save compresses first", async () => {
  const { kv, sandbox, a } = await savedOnce();
  const big = 10 * 1024 * 1024;
  const before = kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  kv.map.set(STATE_POINTER_KEY, { ...before, meta: { ...before.meta, size: big } }); // the last state was 10 MiB raw
  // Room for a third of it, not for all of it.
  let room = big / 2;
  kv.failSet = (key, value) => {
    if (!key.startsWith(STATE_ROOM_KEY)) return null;
    room -= (value as Blob).size;
    return room < 0 ? Object.assign(new Error("Failed to write blobs (IOError)"), { name: "DataError" }) : null;
  };
  await a.save();
  assert.equal((kv.map.get(STATE_POINTER_KEY) as SavedStateRecord).encoding, "zstd");
  assert.equal(a.view.get().saveError, null);
  assert.deepEqual([...kv.map.keys()].filter((k) => k.startsWith(STATE_ROOM_KEY)), []);
  a.dispose();
});

async function waitFor(ok: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
