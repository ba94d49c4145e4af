import assert from "node:assert/strict";
import { test } from "node:test";
import { STATE_MAGIC_V86 } from "./guest-manifest";
import { assertCleanStateChecksum, assertStateRestorable, sha256Hex, StateRejectedError, type StateMeta } from "./state-check";

const expected = { diskSha256: "d".repeat(64), optionsHash: "o", v86Version: "0.5.462", memoryMB: 256 };

async function stateAndMeta(): Promise<{ state: ArrayBuffer; meta: StateMeta }> {
  const state = new ArrayBuffer(64);
  new DataView(state).setUint32(0, STATE_MAGIC_V86, true);
  return { state, meta: { ...expected, sha256: await sha256Hex(state), size: state.byteLength } };
}

const rejectedAs = (reason: StateRejectedError["reason"]) => (err: unknown) => err instanceof StateRejectedError && err.reason === reason;

test("a state whose checksum does not match is refused, unless the caller has verified its bytes", async () => {
  const { state, meta } = await stateAndMeta();
  const flipped = { ...meta, sha256: "0".repeat(64) };
  await assert.rejects(assertStateRestorable(state, flipped, expected), rejectedAs("corrupt"));
  await assertStateRestorable(state, flipped, expected, { verified: true });
});

test("a verified state is still refused for its size, its magic or another image", async () => {
  const { state, meta } = await stateAndMeta();
  await assert.rejects(assertStateRestorable(state.slice(0, 32), meta, expected, { verified: true }), rejectedAs("truncated"));
  await assert.rejects(assertStateRestorable(new ArrayBuffer(64), meta, expected, { verified: true }), rejectedAs("corrupt"));
  await assert.rejects(assertStateRestorable(state, { ...meta, diskSha256: "e".repeat(64) }, expected, { verified: true }), rejectedAs("other-image"));
});

/** A zstd frame header that declares `size` bytes of content (4-byte size field, one window byte). */
function zstdHeader(size: number): ArrayBuffer {
  const frame = new Uint8Array(32);
  frame.set([0x28, 0xb5, 0x2f, 0xfd, 0b1000_0000, 0x58]);
  new DataView(frame.buffer).setUint32(6, size, true);
  return frame.buffer;
}

test("a saved machine kept as zstd passes when it declares the raw size and its stored bytes were checked", async () => {
  const { meta } = await stateAndMeta();
  const size = 200 << 20;
  await assertStateRestorable(zstdHeader(size), { ...meta, size }, expected, { verified: true });
  await assert.rejects(assertStateRestorable(zstdHeader(size), { ...meta, size }, expected), rejectedAs("corrupt"));
  await assert.rejects(assertStateRestorable(zstdHeader(size - 1), { ...meta, size }, expected, { verified: true }), rejectedAs("truncated"));
});

test("a clean state joined from parts is checked whole; a mismatch names the damaged parts", async () => {
  const whole = Uint8Array.from({ length: 40 }, (_, i) => i);
  const parts = [];
  for (let offset = 0, n = 0; offset < whole.length; offset += 16, n++) {
    const bytes = whole.subarray(offset, offset + 16);
    parts.push({ file: `state/state-${n}.bin.zst`, size: bytes.length, offset, sha256: await sha256Hex(bytes.slice()) });
  }
  const sha256 = await sha256Hex(whole.slice());
  await assertCleanStateChecksum(whole.slice().buffer, parts, sha256);
  const damaged = whole.slice();
  damaged[20] ^= 1;
  damaged[39] ^= 1;
  await assert.rejects(assertCleanStateChecksum(damaged.buffer, parts, sha256), {
    name: "StateRejectedError",
    message: "The saved machine is damaged: the checksum of state/state-1.bin.zst, state/state-2.bin.zst does not match.",
  });
  // One file: nothing more to name.
  const one = [{ file: "state.bin.zst", size: 40, offset: 0, sha256 }];
  await assert.rejects(assertCleanStateChecksum(damaged.buffer, one, sha256), { message: "The saved machine is damaged: its checksum does not match." });
});
