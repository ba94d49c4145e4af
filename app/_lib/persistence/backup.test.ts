import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { FakeSandbox } from "@/emulator/testing";
import { fakeBus, fakeLocks } from "@/app/_testing/persistence-fakes";
import { PROGRESS_KEY, setProgressBackend, type Progress } from "@/app/_lib/progress";
import { BackupRefusal, MAX_BACKUP_BYTES, readBackup } from "./backup-file";
import { inspectBackup, loadBackup, MachineNotStoredError, makeBackup, NothingSavedError } from "./backup";
import { memoryStore } from "./kv";
import { MachinePersistence } from "./session";
import { STATE_POINTER_KEY, type SavedStateRecord } from "./state-store";

const expected = { diskSha256: "fake-disk", optionsHash: "fake-options", v86Version: "fake", memoryMB: 0 };

/** One computer: its IndexedDB (a Map), its progress, its tab's persistence with a running machine. */
async function computer(progress: Progress = { version: 1, lessons: {} }) {
  const kv = memoryStore();
  const db = new Map<string, unknown>([[PROGRESS_KEY, progress]]);
  const sandbox = new FakeSandbox();
  const persistence = new MachinePersistence({ kv, locks: fakeLocks(), channel: fakeBus()(), loadExpected: async () => expected, autosaveIntervalMs: 1e9, storage: null });
  const use = () => setProgressBackend({ get: async (k) => db.get(k), update: async (k, fn) => void db.set(k, fn(db.get(k))) });
  use();
  await persistence.start(sandbox);
  computers.push({ persistence });
  return { kv, db, sandbox, persistence, use };
}

/** A backup made on one computer (with `progress`), and another computer (with a saved machine if `saved`). */
async function fromOneToAnother({ progress, machine, saved }: { progress?: Progress; machine: boolean; saved: boolean }) {
  const a = await computer(progress);
  const { blob } = await makeBackup(a.persistence, { machine });
  const b = await computer();
  if (saved) await b.persistence.save();
  return { a, b, blob, savedBefore: b.kv.map.get(STATE_POINTER_KEY) };
}

const passed = (slug: string, id: string, at = "2026-01-01T00:00:00.000Z"): Progress => ({ version: 1, lessons: { [slug]: { exercises: { [id]: { passedAt: at } } } } });

const computers: Array<{ persistence: MachinePersistence }> = [];
afterEach(() => {
  for (const c of computers.splice(0)) c.persistence.dispose();
});

test("a round trip carries the progress and the saved machine to another computer, which resumes it", async () => {
  const a = await computer(passed("pull", "pull-busybox"));
  await a.persistence.save();
  const savedA = a.kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  const { blob, fileName } = await makeBackup(a.persistence, { machine: true });
  assert.match(fileName, /^docker-browser-lab-\d{4}-\d\d-\d\d-\d\d-\d\d\.dblab$/);

  const b = await computer(passed("tag", "tag-mybox"));
  const plan = await inspectBackup(blob, expected);
  assert.equal(plan.machineUsable, true);
  assert.deepEqual(b.kv.map.get(STATE_POINTER_KEY), undefined, "inspecting stores nothing");
  await loadBackup(plan, b.persistence, { machine: true });

  const savedB = b.kv.map.get(STATE_POINTER_KEY) as SavedStateRecord;
  assert.equal(savedB.storedSha256, savedA.storedSha256);
  assert.deepEqual(savedB.meta, savedA.meta);
  assert.equal(b.persistence.view.get().resumed, "saved", "the tab resumed the machine from the file");
  const progress = b.db.get(PROGRESS_KEY) as Progress;
  assert.ok(progress.lessons.pull.exercises["pull-busybox"], "the file's progress");
  assert.ok(progress.lessons.tag.exercises["tag-mybox"], "and this computer's own");
});

test("a backup without the machine carries progress only, and leaves the saved machine alone", async () => {
  const { b, blob, savedBefore } = await fromOneToAnother({ progress: passed("pull", "pull-busybox"), machine: false, saved: true });
  const plan = await inspectBackup(blob, expected);
  assert.equal(plan.machine, null);
  await loadBackup(plan, b.persistence, { machine: true });
  assert.equal(b.kv.map.get(STATE_POINTER_KEY), savedBefore);
  assert.ok((b.db.get(PROGRESS_KEY) as Progress).lessons.pull.exercises["pull-busybox"]);
});

test("a machine saved for another guest image is not loaded; its progress may be", async () => {
  const { b, blob } = await fromOneToAnother({ progress: passed("pull", "pull-busybox"), machine: true, saved: false });
  const plan = await inspectBackup(blob, { ...expected, diskSha256: "another-disk" });
  assert.equal(plan.machineUsable, false);
  await loadBackup(plan, b.persistence, { machine: true });
  assert.equal(b.kv.map.get(STATE_POINTER_KEY), undefined);
  assert.ok((b.db.get(PROGRESS_KEY) as Progress).lessons.pull);
});

test("a full storage refuses the machine and keeps the machine saved before", async () => {
  const { b, blob, savedBefore } = await fromOneToAnother({ machine: true, saved: true });
  const plan = await inspectBackup(blob, expected);
  b.kv.failSet = (key) => (key.startsWith("dbl:v1:machine-data:") ? Object.assign(new Error("full"), { name: "QuotaExceededError" }) : null);
  await assert.rejects(loadBackup(plan, b.persistence, { machine: true }), (err: unknown) => err instanceof MachineNotStoredError && /full/.test(err.message));
  assert.equal(b.kv.map.get(STATE_POINTER_KEY), savedBefore);
});

test("asking for the machine when none is saved and none runs here says so", async () => {
  const a = await computer();
  await a.persistence.resetMachine();
  a.sandbox.status.set("crashed");
  await assert.rejects(makeBackup(a.persistence, { machine: true }), NothingSavedError);
});

test("each check of the file refuses a file that fails it, with its reason", async () => {
  const a = await computer(passed("pull", "pull-busybox"));
  const good = new Uint8Array(await (await makeBackup(a.persistence, { machine: true })).blob.arrayBuffer());
  const headerLength = new DataView(good.buffer).getUint32(8, true);
  const machineAt = 12 + headerLength + 32;
  const flip = (at: number) => {
    const copy = good.slice();
    copy[at] ^= 0x20;
    return copy;
  };
  const withLength = (n: number) => {
    const copy = good.slice();
    new DataView(copy.buffer).setUint32(8, n, true);
    return copy;
  };
  const cases: Array<[string, Uint8Array<ArrayBuffer>, string, RegExp]> = [
    ["empty", new Uint8Array(0), "not-a-backup", /only 0 bytes/],
    ["another kind of file", new TextEncoder().encode("%PDF-1.7 ".repeat(20)), "not-a-backup", /starts with/],
    ["a newer format", (() => { const c = good.slice(); c[7] = "2".charCodeAt(0); return c; })(), "newer-version", /DBLBKUP2/],
    ["a header length of 0", withLength(0), "damaged", /does not fit/],
    ["a header longer than the file", withLength(good.length), "damaged", /does not fit/],
    ["a flipped header byte", flip(20), "damaged", /header's checksum/],
    ["a flipped checksum byte", flip(12 + headerLength + 3), "damaged", /header's checksum/],
    ["cut in the machine", good.slice(0, machineAt + 10), "damaged", /cut short/],
    ["a byte more", new Uint8Array([...good, 0]), "damaged", /1 bytes more/],
    ["a flipped machine byte", flip(Math.floor((machineAt + good.length) / 2)), "damaged", /machine's checksum/],
    ["shorter than the smallest backup", new Uint8Array(16), "not-a-backup", /starts with/],
    ["a backup's first 40 bytes", good.slice(0, 40), "damaged", /cut short, at 40 bytes/],
    ["its first 7 bytes", good.slice(0, 7), "not-a-backup", /only 7 bytes/],
  ];
  for (const [name, bytes, reason, detail] of cases) {
    const file = new Blob([bytes]);
    await assert.rejects(readBackup(file), (err: unknown) => {
      assert.ok(good.length > machineAt, "the file has a machine");
      assert.ok(err instanceof BackupRefusal, name);
      assert.equal(err.reason, reason, name);
      assert.match(err.detail, detail, name);
      return true;
    });
  }
  // A file larger than any backup is refused by its size alone, before a byte is read.
  const huge = { size: MAX_BACKUP_BYTES + 1, slice: () => assert.fail("read") } as unknown as Blob;
  await assert.rejects(readBackup(huge), (err: unknown) => err instanceof BackupRefusal && err.reason === "too-large");
  assert.ok(await readBackup(new Blob([good])), "the file itself is good");
});
