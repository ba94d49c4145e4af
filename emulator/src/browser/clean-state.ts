// The clean state (the saved machine every visit starts from) and the offline cache.
//
// The site serves the state as parts (files of at most 16 MiB, docs/deploy.md). They download at
// once, each straight into its place in one buffer, which the machine restores as one state.
//
// The worker reads and fills the service worker's cache itself instead of letting the service
// worker cache the parts as they pass: cloning the response there held back the emulator's copy
// of the bytes for as long as the clone took to write (docs/performance.md).

import { Pacer, readInto } from "./fetch-progress";

export type OfflineCache = Pick<Cache, "match" | "put">;

export interface CleanState {
  data: ArrayBuffer;
  /** Stores the downloaded parts for offline visits (once they have restored); nothing for parts that came from there. */
  keepOffline(): Promise<void>;
}

/** A part of the state: where it is and how many bytes it has. */
export interface StatePartSource {
  url: string;
  size: number;
}

export async function openOfflineCache(name: string | undefined): Promise<OfflineCache | null> {
  if (!name || typeof caches === "undefined") return null;
  try {
    return await caches.open(name);
  } catch {
    return null; // e.g. storage blocked: the site works online
  }
}

/**
 * Reads every part, from the offline cache where it is there and from the network otherwise, all
 * at once, reporting the bytes read of all of them. The first failure stops the other downloads.
 */
export async function loadCleanState(
  parts: readonly StatePartSource[],
  cache: OfflineCache | null,
  onProgress: (loaded: number, total: number) => void,
): Promise<CleanState> {
  const total = parts.reduce((sum, part) => sum + part.size, 0);
  const data = new Uint8Array(total);
  const abort = new AbortController();
  const pacer = new Pacer();
  const downloaded: { url: string; bytes: Uint8Array }[] = [];
  let loaded = 0;
  const onBytes = (length: number) => {
    loaded += length;
    onProgress(loaded, total);
  };
  let offset = 0;
  const reads = parts.map(async (part) => {
    const bytes = data.subarray(offset, (offset += part.size));
    const cached = await cache?.match(part.url).catch(() => undefined);
    const response = cached ?? (await fetch(part.url, { signal: abort.signal }));
    await readInto(response, part.url, bytes, onBytes, pacer);
    if (!cached) downloaded.push({ url: part.url, bytes });
  });
  try {
    await Promise.all(reads);
  } catch (err) {
    abort.abort();
    await Promise.allSettled(reads);
    throw err;
  }
  return {
    data: data.buffer,
    keepOffline: async () => {
      for (const { url, bytes } of downloaded) {
        const headers = { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) };
        // A full quota leaves the state uncached: the learner's own saved machine matters more.
        // A Blob, not the bytes: Chromium hands a blob to the cache off this thread; an
        // ArrayBuffer body is streamed from it, which stalls the emulator (docs/performance.md).
        const stored = await cache?.put(url, new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers })).then(() => true, () => false);
        if (!stored) return;
      }
    },
  };
}
