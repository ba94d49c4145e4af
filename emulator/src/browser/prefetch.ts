// After a resume, fetch the disk parts a session of lessons reads (recorded by the build in
// hot-parts.json) in the background, so the learner's first commands find them in the HTTP
// cache (or the service worker's) instead of waiting on the network one part at a time.

const CONCURRENCY = 3;

async function cached(url: URL): Promise<boolean> {
  try {
    return typeof caches !== "undefined" && (await caches.match(url.href)) !== undefined;
  } catch {
    return false;
  }
}

export async function prefetchHotParts(filesUrl: string, signal: AbortSignal): Promise<{ fetched: number; failed: number }> {
  let parts: string[];
  try {
    const response = await fetch(new URL("hot-parts.json", filesUrl), { signal });
    if (!response.ok) return { fetched: 0, failed: 0 };
    parts = await response.json();
  } catch {
    return { fetched: 0, failed: 0 };
  }
  let next = 0;
  let fetched = 0;
  let failed = 0;
  const worker = async () => {
    while (next < parts.length && !signal.aborted) {
      const url = new URL(parts[next++], filesUrl);
      try {
        // Already in the service worker's cache (an earlier visit): nothing to fetch.
        if (await cached(url)) continue;
        const response = await fetch(url, { signal, priority: "low" } as RequestInit);
        await response.arrayBuffer();
        if (response.ok) fetched++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { fetched, failed };
}
