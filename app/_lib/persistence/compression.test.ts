import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeState, encodeState } from "./compression";

function sample(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = i % 4096 < 3000 ? 0 : (i * 2654435761) >>> 24;
  return out;
}

test("gzip round-trips the state and shrinks it; raw passes it through", async () => {
  const data = sample(1 << 20);
  const gz = await encodeState(data, "gzip");
  assert.ok(gz.size < data.length / 2, `gzip ${gz.size}`);
  assert.deepEqual(new Uint8Array(await decodeState(gz, "gzip")), data);
  const raw = await encodeState(data, "raw");
  assert.equal(raw.size, data.length);
  assert.deepEqual(new Uint8Array(await decodeState(raw, "raw")), data);
});

test("flipped bytes in a gzip state fail to decode", async () => {
  const gz = new Uint8Array(await (await encodeState(sample(1 << 16), "gzip")).arrayBuffer());
  gz[gz.length - 6] ^= 0xff; // inside the CRC-32 trailer
  await assert.rejects(decodeState(new Blob([gz]), "gzip"));
});
