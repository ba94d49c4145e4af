// The clean state's parts come from the offline cache when they are there, else from the network,
// all at once, each into its place; downloaded parts are stored only when asked (once restored).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { loadCleanState, type OfflineCache } from "./clean-state";

const BASE = "https://lab.example/guest/abc/state/";
const PARTS = [
  { url: `${BASE}state-0.bin.zst`, size: 3 },
  { url: `${BASE}state-1.bin.zst`, size: 3 },
  { url: `${BASE}state-2.bin.zst`, size: 2 },
];
const SERVED: Record<string, number[]> = {
  [PARTS[0].url]: [1, 2, 3],
  [PARTS[1].url]: [4, 5, 6],
  [PARTS[2].url]: [7, 8],
};
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function fakeCache(): OfflineCache & { entries: Map<string, Response> } {
  const entries = new Map<string, Response>();
  return {
    entries,
    match: async (request) => entries.get(String(request))?.clone(),
    put: async (request, response) => void entries.set(String(request), response),
  } as OfflineCache & { entries: Map<string, Response> };
}

/** A network that serves SERVED (or `files`), recording what was asked for and how many requests were open at once. */
function network(files: Record<string, number[] | number> = SERVED) {
  const requested: string[] = [];
  let open = 0;
  const stats = { requested, mostAtOnce: 0, aborted: 0 };
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    requested.push(String(url));
    stats.mostAtOnce = Math.max(stats.mostAtOnce, ++open);
    init?.signal?.addEventListener("abort", () => stats.aborted++);
    await new Promise((resolve) => setTimeout(resolve, 5));
    open--;
    const file = files[String(url)];
    return typeof file === "number" ? new Response(null, { status: file }) : new Response(new Uint8Array(file));
  }) as typeof fetch;
  return stats;
}

test("the parts download at once, each into its place, with progress over all of them", async () => {
  const net = network();
  const progress: [number, number][] = [];
  const clean = await loadCleanState(PARTS, null, (loaded, total) => progress.push([loaded, total]));
  assert.deepEqual([...new Uint8Array(clean.data)], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(net.requested.sort(), PARTS.map((p) => p.url));
  assert.equal(net.mostAtOnce, 3, "all three requests open together");
  assert.deepEqual(progress.at(-1), [8, 8]);
  assert.ok(progress.every(([, total]) => total === 8));
});

test("downloaded parts are stored in the offline cache only when kept, each under its URL", async () => {
  const cache = fakeCache();
  network();
  const clean = await loadCleanState(PARTS, cache, () => {});
  assert.equal(cache.entries.size, 0, "nothing stored before it has restored");
  await clean.keepOffline();
  for (const part of PARTS) {
    const stored = cache.entries.get(part.url);
    assert.ok(stored, part.url);
    assert.deepEqual([...new Uint8Array(await stored.arrayBuffer())], SERVED[part.url]);
    assert.equal(stored.headers.get("content-length"), String(part.size));
  }
});

test("cached parts are read from the cache, without the network, and not stored again; the others download", async () => {
  const cache = fakeCache();
  cache.entries.set(PARTS[0].url, new Response(new Uint8Array([9, 9, 9])));
  cache.entries.set(PARTS[2].url, new Response(new Uint8Array([9, 9])));
  const net = network();
  const puts: string[] = [];
  const counting = { match: cache.match, put: async (request: RequestInfo | URL) => void puts.push(String(request)) };
  const clean = await loadCleanState(PARTS, counting, () => {});
  assert.deepEqual([...new Uint8Array(clean.data)], [9, 9, 9, 4, 5, 6, 9, 9]);
  assert.deepEqual(net.requested, [PARTS[1].url]);
  await clean.keepOffline();
  assert.deepEqual(puts, [PARTS[1].url]);
});

test("without an offline cache, and with a cache that fails, the state still downloads", async () => {
  const net = network();
  await (await loadCleanState(PARTS, null, () => {})).keepOffline();
  const failing: OfflineCache = { match: async () => Promise.reject(new Error("storage blocked")), put: async () => Promise.reject(new DOMException("full", "QuotaExceededError")) };
  const clean = await loadCleanState(PARTS, failing, () => {});
  await clean.keepOffline(); // a full quota is not an error for the learner
  assert.deepEqual([...new Uint8Array(clean.data)], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(net.requested.length, 6);
});

test("a part that fails names its file and stops the other downloads", async () => {
  const net = network({ ...SERVED, [PARTS[1].url]: 404 });
  await assert.rejects(loadCleanState(PARTS, null, () => {}), {
    message: "Could not download the machine (/guest/abc/state/state-1.bin.zst: HTTP 404).",
  });
  assert.ok(net.aborted >= 1, "the other requests were aborted");
});

test("a part of the wrong size is refused, naming its file", async () => {
  network({ ...SERVED, [PARTS[2].url]: [7, 8, 9] });
  await assert.rejects(loadCleanState(PARTS, null, () => {}), /state-2\.bin\.zst: more than the 2 bytes expected/);
});
