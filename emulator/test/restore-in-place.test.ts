// The in-place restore makes the same machine as v86's restore_state, byte for byte: both are
// saved again and compared, for the published (zstd) state and for an uncompressed one. Two parts
// of a saved state differ between any two emulators, even restored by v86 from the same state:
// the time stamp counter (read from the host's clock) and the network card (v86 gives every
// emulator a random MAC address). Those are left out of the comparison; everything else, guest
// memory first, must be equal.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { before, test } from "node:test";
import type { GuestManifest } from "../src/guest-manifest";
import { createNodeEmulator, defaultGuestDir, readCleanState, readManifest } from "../src/node";
import { restoreInPlace } from "../src/restore-in-place";

let manifest: GuestManifest;
let cleanState: ArrayBuffer;

before(async () => {
  manifest = await readManifest();
  cleanState = await readCleanState(manifest);
});

type Emulator = ReturnType<typeof createNodeEmulator>;

async function withFreshEmulator<T>(use: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = createNodeEmulator(manifest, defaultGuestDir(), false);
  await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
  try {
    return await use(emulator);
  } finally {
    await emulator.destroy();
  }
}

const sha256 = (data: ArrayBuffer | Uint8Array) => createHash("sha256").update(new Uint8Array(data as ArrayBuffer)).digest("hex");

/** Indices in the CPU's saved state that differ between emulators (see above). */
const DIFFER_PER_EMULATOR = { 43: "time stamp counter", 59: "network card" } as const;

/** A saved state's JSON and the SHA-256 of each buffer, with the per-emulator parts left out. */
function comparable(state: ArrayBuffer): { json: string; buffers: Record<string, string> } {
  const view = new DataView(state);
  const infoLength = view.getInt32(12, true);
  const info = JSON.parse(new TextDecoder().decode(new Uint8Array(state, 16, infoLength)));
  const start = (16 + infoLength + 3) & ~3;
  const left = new Set<number>();
  const collect = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    if (typeof (value as { buffer_id?: unknown }).buffer_id === "number") left.add((value as { buffer_id: number }).buffer_id);
    Object.values(value).forEach(collect);
  };
  for (const index of Object.keys(DIFFER_PER_EMULATOR)) collect(info.state[index]);
  assert.equal(left.size, 3, "the time stamp counter and the network card's MAC address and memory");
  const buffers: Record<string, string> = {};
  info.buffer_infos.forEach(({ offset, length }: { offset: number; length: number }, id: number) => {
    if (!left.has(id)) buffers[id] = sha256(new Uint8Array(state, start + offset, length));
  });
  return { json: JSON.stringify(info.state), buffers };
}

/** Restores `state` one way or the other and saves the machine again, without running it. */
async function restoredAndSaved(state: ArrayBuffer, how: "v86" | "in place"): Promise<ArrayBuffer> {
  return withFreshEmulator(async (emulator) => {
    if (how === "v86") {
      await emulator.restore_state(state);
    } else {
      const v86Restore = emulator.restore_state;
      emulator.restore_state = () => assert.fail("restoreInPlace fell back to v86's restore_state");
      await restoreInPlace(emulator, state);
      emulator.restore_state = v86Restore;
    }
    return emulator.save_state();
  });
}

test("the published zstd state restores in place to the same machine as v86's restore", async () => {
  const byV86 = await restoredAndSaved(cleanState, "v86");
  const inPlace = await restoredAndSaved(cleanState, "in place");
  assert.equal(inPlace.byteLength, byV86.byteLength);
  assert.deepEqual(comparable(inPlace), comparable(byV86));
});

test("an uncompressed state (as a learner's saved machine is) restores in place to the same machine", async () => {
  const raw = await restoredAndSaved(cleanState, "v86");
  const byV86 = await restoredAndSaved(raw, "v86");
  const inPlace = await restoredAndSaved(raw, "in place");
  assert.deepEqual(comparable(inPlace), comparable(byV86));
  assert.deepEqual(comparable(inPlace), comparable(raw), "saved again, unchanged");
});

test("a truncated zstd state is refused as damaged, not restored from whatever follows it", async () => {
  await withFreshEmulator(async (emulator) => {
    const truncated = cleanState.slice(0, Math.floor(cleanState.byteLength / 2));
    await assert.rejects(restoreInPlace(emulator, truncated), { message: "The saved machine is damaged: it does not decompress." });
  });
});

test("the published state's bytes are checked as it restores: zstd's own content checksum, which v86's decoder verifies", async () => {
  await withFreshEmulator(async (emulator) => {
    assert.equal(await restoreInPlace(emulator, cleanState), "checksummed");
  });
  // Its last 4 bytes are that checksum: with one of them changed, the data is intact but the
  // check fails. (The site no longer hashes the clean state again when it restores this way.)
  await withFreshEmulator(async (emulator) => {
    const damaged = cleanState.slice(0);
    new Uint8Array(damaged)[damaged.byteLength - 1] ^= 0x01;
    await assert.rejects(restoreInPlace(emulator, damaged), { message: "The saved machine is damaged: it does not decompress." });
  });
});

test("an uncompressed state is restored as it is: its caller checks its bytes", async () => {
  const raw = await restoredAndSaved(cleanState, "v86");
  await withFreshEmulator(async (emulator) => {
    assert.equal(await restoreInPlace(emulator, raw), "as-is");
  });
});

test("a machine that has already run is left to v86's restore_state", async () => {
  await withFreshEmulator(async (emulator) => {
    await emulator.restore_state(cleanState);
    await emulator.run();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await emulator.stop();
    let v86Restores = 0;
    const v86Restore = emulator.restore_state.bind(emulator);
    emulator.restore_state = async (state: ArrayBuffer) => (v86Restores++, v86Restore(state));
    await restoreInPlace(emulator, cleanState);
    assert.equal(v86Restores, 1);
  });
});
