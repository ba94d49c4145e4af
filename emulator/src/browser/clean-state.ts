// The clean state (the saved machine every visit starts from) and the offline cache.
//
// The worker reads and fills the service worker's cache itself instead of letting the service
// worker cache the state as it passes: cloning the response there held back the emulator's copy
// of the bytes for as long as the clone took to write (docs/performance.md).

export type OfflineCache = Pick<Cache, "match" | "put">;

export interface CleanState {
  data: ArrayBuffer;
  /** Stores the bytes for offline visits (once they have restored); nothing when they came from there. */
  keepOffline(): Promise<void>;
}

export async function openOfflineCache(name: string | undefined): Promise<OfflineCache | null> {
  if (!name || typeof caches === "undefined") return null;
  try {
    return await caches.open(name);
  } catch {
    return null; // e.g. storage blocked: the site works online
  }
}

export async function loadCleanState(
  url: string,
  cache: OfflineCache | null,
  read: (response: Response) => Promise<ArrayBuffer>,
): Promise<CleanState> {
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached) return { data: await read(cached), keepOffline: async () => {} };
  const data = await read(await fetch(url));
  return {
    data,
    keepOffline: async () => {
      const headers = { "content-type": "application/octet-stream", "content-length": String(data.byteLength) };
      // A full quota leaves the state uncached: the learner's own saved machine matters more.
      // A Blob, not the ArrayBuffer: Chromium hands a blob to the cache off this thread; an
      // ArrayBuffer body is streamed from it, which stalls the emulator (docs/performance.md).
      await cache?.put(url, new Response(new Blob([data]), { headers })).catch(() => {});
    },
  };
}
