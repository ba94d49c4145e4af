// The disk parts the first docker commands read after a resume (startup-parts.json, recorded by
// the build). They are fetched while the state downloads, at low priority so the state comes
// first, and land in the HTTP cache (or the service worker's); disk-preload.ts then hands them
// to v86 right after the restore.

// Two at a time: over HTTP/1.1 a browser opens at most six connections to a host, and the state
// download and the guest's own reads need the others (measured: 4 here and 6 in the preload made
// the first `docker ps` ~2 s slower than 2 and 3).
const CONCURRENCY = 2;

/** The list of part names, or none when the file is missing (an older build) or unreadable. */
export async function fetchPartList(url: string, signal?: AbortSignal): Promise<string[]> {
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) return [];
    const names: unknown = await response.json();
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

/** Fetches each part once so that v86's own request for it is answered from a cache. */
export async function warmHttpCache(names: readonly string[], baseUrl: string, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const fetcher = async () => {
    while (next < names.length && !signal?.aborted) {
      const url = new URL(names[next++], baseUrl);
      try {
        const response = await fetch(url, { signal, priority: "low" } as RequestInit);
        await response.arrayBuffer();
      } catch {
        // Offline or aborted: v86 fetches the part itself when the guest reads it.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, fetcher));
}
