import assert from "node:assert/strict";
import { test } from "node:test";
import { STATE_MAGIC_V86 } from "./guest-manifest";
import { assertStateRestorable, sha256Hex, StateRejectedError, type StateMeta } from "./state-check";

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
