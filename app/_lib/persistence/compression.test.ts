import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { zstdContentSize } from "@/emulator/browser";
import { decodeState, encodeState, setStateTransform } from "./compression";
import { transformState } from "./state-codec";

setStateTransform((op, data) => transformState(op, data)); // Node has no Web Worker

function sample(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = i % 4096 < 3000 ? 0 : (i * 2654435761) >>> 24;
  return out;
}

test("zstd round-trips the state, shrinks it and declares its size; raw passes it through", async () => {
  const data = sample(1 << 20);
  const zst = await encodeState(data, "zstd");
  assert.ok(zst.size < data.length / 2, `zstd ${zst.size}`);
  assert.equal(zstdContentSize(new Uint8Array(await zst.arrayBuffer())), data.length);
  assert.deepEqual(new Uint8Array(await decodeState(zst, "zstd")), data);
  const raw = await encodeState(data, "raw");
  assert.equal(raw.size, data.length);
  assert.deepEqual(new Uint8Array(await decodeState(raw, "raw")), data);
});

test("a state kept gzip'd before zstd still decodes; gzip is no longer written", async () => {
  const data = sample(1 << 16);
  assert.deepEqual(new Uint8Array(await decodeState(new Blob([gzipSync(data)]), "gzip")), data);
  await assert.rejects(encodeState(data, "gzip"), /no longer stored as gzip/);
});

test("damaged compressed states fail to decode", async () => {
  const zst = new Uint8Array(await (await encodeState(sample(1 << 16), "zstd")).arrayBuffer());
  await assert.rejects(decodeState(zst.slice(0, zst.length - 100).buffer, "zstd"));
  await assert.rejects(decodeState(sample(1000).buffer as ArrayBuffer, "zstd"), /not a zstd frame/);
  const gz = gzipSync(sample(1 << 16));
  gz[gz.length - 6] ^= 0xff; // inside the CRC-32 trailer
  await assert.rejects(decodeState(new Uint8Array(gz).buffer, "gzip"));
});

test("an abandoned compression ends with the signal's reason", async () => {
  const abort = new AbortController();
  abort.abort(new Error("cancelled"));
  await assert.rejects(encodeState(sample(1 << 16), "zstd", abort.signal), /cancelled/);
});
