// A state that does not belong to this guest is refused before v86 ever sees it.

import assert from "node:assert/strict";
import { before, test } from "node:test";
import { GuestMachine } from "../src/guest-machine";
import type { GuestManifest } from "../src/guest-manifest";
import { readCleanState, readManifest } from "../src/node";
import { sha256Hex, StateRejectedError, type StateMeta } from "../src/state-check";

let manifest: GuestManifest;
let state: ArrayBuffer;
let meta: StateMeta;

before(async () => {
  manifest = await readManifest();
  state = await readCleanState(manifest);
  meta = {
    diskSha256: manifest.disk.sha256,
    optionsHash: manifest.optionsHash,
    v86Version: manifest.v86Version,
    memoryMB: manifest.memoryMB,
    sha256: manifest.state.sha256,
    size: manifest.state.size,
  };
});

/** A machine whose emulator must never be created: every case here is refused first. */
function machineThatMustNotBoot() {
  let emulatorsCreated = 0;
  const machine = new GuestMachine({
    manifest,
    createEmulator: () => {
      emulatorsCreated++;
      throw new Error("restore_state must not be reached");
    },
    loadCleanState: async () => state,
  });
  return { machine, created: () => emulatorsCreated };
}

async function assertRefused(data: ArrayBuffer, stateMeta: StateMeta, reason: StateRejectedError["reason"], message: RegExp) {
  const { machine, created } = machineThatMustNotBoot();
  await assert.rejects(machine.start({ state: { data, meta: stateMeta } }), (err: unknown) => {
    assert.ok(err instanceof StateRejectedError, String(err));
    assert.equal(err.reason, reason);
    assert.match(err.message, message);
    return true;
  });
  assert.equal(created(), 0);
  assert.equal(machine.status.get(), "crashed");
  assert.match(machine.error.get() ?? "", message);
}

test("the real state matches its own metadata", async () => {
  assert.equal(await sha256Hex(state), meta.sha256);
});

test("a state made for another disk image is refused", async () => {
  await assertRefused(state, { ...meta, diskSha256: "0".repeat(64) }, "other-image", /another version of the guest disk image/);
});

test("a state made with another memory size is refused", async () => {
  await assertRefused(state, { ...meta, memoryMB: meta.memoryMB * 2 }, "other-options", /MiB of memory/);
});

test("a state made by another emulator version is refused", async () => {
  await assertRefused(state, { ...meta, v86Version: "0.0.1" }, "other-emulator", /emulator version/);
});

test("a truncated state is refused", async () => {
  await assertRefused(state.slice(0, state.byteLength >> 1), meta, "truncated", /incomplete/);
});

test("an empty state is refused", async () => {
  await assertRefused(new ArrayBuffer(0), meta, "empty", /empty/);
});

test("a state with flipped bytes fails its checksum", async () => {
  const damaged = state.slice(0);
  const bytes = new Uint8Array(damaged);
  for (const at of [1000, bytes.length >> 1, bytes.length - 10]) bytes[at] ^= 0xff;
  await assertRefused(damaged, meta, "corrupt", /checksum/);
});
