// Saved machine states are compressed in the browser. v86's raw state is 150-220 MB (mostly
// guest RAM); gzip (CompressionStream: native, streaming) shrinks it ~3x but takes 10-15 s, so
// in the browser it runs in a small Web Worker, off the page's main thread, and only in idle time
// (compact.ts): a save stores "raw", v86's bytes as they are, and the gzip'd copy replaces it
// later. Each record says which encoding it used, so either restores. Figures:
// scripts/bench-web.ts (field `compression`).

export type StateEncoding = "gzip" | "raw";

/** How saved states end up stored (after idle-time compaction). */
export const DEFAULT_ENCODING: StateEncoding = "gzip";
/** How a save stores the state first: the learner waits for this one. */
export const FAST_ENCODING: StateEncoding = "raw";

function blobOf(data: ArrayBuffer | Uint8Array | Blob): Blob {
  return data instanceof Blob ? data : new Blob([data as BlobPart]);
}

// The worker's whole source: gzip or gunzip one buffer with the platform's streams.
const WORKER_SOURCE = `
onmessage = async (event) => {
  const { id, op, data } = event.data;
  try {
    const stream = new Blob([data]).stream().pipeThrough(op === "gzip" ? new CompressionStream("gzip") : new DecompressionStream("gzip"));
    const out = await new Response(stream).arrayBuffer();
    postMessage({ id, out }, [out]);
  } catch (err) {
    postMessage({ id, error: String(err && err.message || err) });
  }
};`;

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void }>();

function compressionWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof Worker !== "function" || typeof window === "undefined") return null;
  try {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    worker = new Worker(url, { name: "dbl-compression" });
    worker.onmessage = (event: MessageEvent<{ id: number; out?: ArrayBuffer; error?: string }>) => {
      const job = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.out) job?.resolve(event.data.out);
      else job?.reject(new Error(event.data.error ?? "compression failed"));
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Runs the transform in the worker (the input buffer is copied, not transferred). */
function inWorker(op: "gzip" | "gunzip", data: ArrayBuffer | Uint8Array, signal?: AbortSignal): Promise<ArrayBuffer> | null {
  const w = compressionWorker();
  if (!w) return null;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, op, data });
    signal?.addEventListener("abort", () => stopWorker(signal.reason), { once: true });
  });
}

/** Ends the worker and every job in it: an abandoned gzip would hold a core for seconds. */
function stopWorker(reason: unknown): void {
  worker?.terminate();
  worker = undefined;
  const jobs = [...waiting.values()];
  waiting.clear();
  for (const job of jobs) job.reject(reason instanceof Error ? reason : new Error("aborted"));
}

async function inThread(op: "gzip" | "gunzip", data: Blob): Promise<ArrayBuffer> {
  const stream = data.stream().pipeThrough(op === "gzip" ? new CompressionStream("gzip") : new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

/** Compresses v86's state into the Blob that is stored; `signal` abandons a gzip under way. */
export async function encodeState(data: ArrayBuffer | Uint8Array, encoding: StateEncoding, signal?: AbortSignal): Promise<Blob> {
  if (encoding === "raw") return blobOf(data);
  signal?.throwIfAborted();
  const out = (await inWorker("gzip", data, signal)) ?? (await inThread("gzip", blobOf(data)));
  signal?.throwIfAborted();
  return new Blob([out]);
}

/** The v86 state again; throws if the stored bytes are not valid (gzip also checks its CRC-32). */
export async function decodeState(stored: Blob | ArrayBuffer, encoding: StateEncoding): Promise<ArrayBuffer> {
  if (encoding === "raw") return stored instanceof Blob ? stored.arrayBuffer() : stored;
  const bytes = stored instanceof Blob ? await stored.arrayBuffer() : stored;
  return (await inWorker("gunzip", bytes)) ?? (await inThread("gunzip", blobOf(bytes)));
}
