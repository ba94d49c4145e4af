// Saved machine states are compressed in the browser. v86's raw state is 150-220 MB (mostly guest
// RAM). A save stores it "raw", as v86 made it: the learner waits only for that. Once the machine
// is idle (compact.ts), a zstd copy replaces it: a third of the size, made in about 5 s off the
// main thread, and restored by v86's own decoder straight into guest memory, as the clean state is.
// States kept gzip'd before zstd are still read. Each record says which encoding it used.
// Figures: docs/performance.md ("Saving and resuming a machine").

import type { CodecOp } from "./state-codec";

export type StateEncoding = "zstd" | "gzip" | "raw";

/** How saved states end up stored (after idle-time compaction). */
export const DEFAULT_ENCODING: StateEncoding = "zstd";
/** How a save stores the state first: the learner waits for this one. */
export const FAST_ENCODING: StateEncoding = "raw";

/** Built by scripts/build-worker.mjs from compression.worker.ts, with zstd.wasm beside it. */
export const COMPRESSION_WORKER_URL = "/emulator/compression-worker.js";

type Transform = (op: CodecOp, data: ArrayBuffer, signal?: AbortSignal) => Promise<ArrayBuffer>;

/**
 * Each transform gets a worker of its own, ended with it: zstd's wasm memory grows to twice the
 * state and never shrinks, and an abandoned job would hold a core for seconds.
 */
function inWorker(op: CodecOp, data: ArrayBuffer, signal?: AbortSignal): Promise<ArrayBuffer> {
  signal?.throwIfAborted();
  const worker = new Worker(COMPRESSION_WORKER_URL, { name: "dbl-compression", type: "module" });
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const stop = () => reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal?.addEventListener("abort", stop, { once: true });
    worker.onmessage = (event: MessageEvent<{ out?: ArrayBuffer; error?: string }>) => {
      if (event.data.out) resolve(event.data.out);
      else reject(new Error(event.data.error ?? "compression failed"));
    };
    worker.onerror = (event) => reject(new Error(`the compression worker failed: ${event.message || "it did not load"}`));
    worker.postMessage({ op, data }); // copied, not transferred: the caller keeps its bytes
  }).finally(() => worker.terminate());
}

let transform: Transform = inWorker;

/** For tests in Node, which has no Web Worker: run the codec some other way (state-codec.ts). */
export function setStateTransform(next: Transform): void {
  transform = next;
}

/** Compresses v86's state into the Blob that is stored; `signal` abandons a compression under way. */
export async function encodeState(data: ArrayBuffer | Uint8Array, encoding: StateEncoding, signal?: AbortSignal): Promise<Blob> {
  if (encoding === "raw") return new Blob([data as BlobPart]);
  if (encoding !== "zstd") throw new Error(`states are no longer stored as ${encoding}`);
  const bytes = data instanceof Uint8Array ? data.slice().buffer : data;
  const out = await transform("zstd", bytes, signal);
  signal?.throwIfAborted();
  return new Blob([out]);
}

/** The v86 state again; throws if the stored bytes do not decode (gzip also checks its CRC-32). */
export async function decodeState(stored: Blob | ArrayBuffer, encoding: StateEncoding): Promise<ArrayBuffer> {
  const bytes = stored instanceof Blob ? await stored.arrayBuffer() : stored;
  if (encoding === "raw") return bytes;
  return transform(encoding === "zstd" ? "unzstd" : "gunzip", bytes);
}
