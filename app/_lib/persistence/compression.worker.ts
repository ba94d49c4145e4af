// The compression worker: one state in, one state out, off the page's main thread. Bundled by
// scripts/build-worker.mjs into public/emulator/compression-worker.js, beside zstd.wasm.

import { type CodecOp, transformState } from "./state-codec";

const wasmUrl = new URL("zstd.wasm", self.location.href).href;

self.onmessage = async (event: MessageEvent<{ op: CodecOp; data: ArrayBuffer }>) => {
  try {
    const out = await transformState(event.data.op, event.data.data, wasmUrl);
    postMessage({ out }, { transfer: [out] });
  } catch (err) {
    postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
