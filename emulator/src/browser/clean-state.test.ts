// The clean state comes from the offline cache when it is there, else from the network, and a
// download is stored only when asked (once it has restored).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { loadCleanState, type OfflineCache } from "./clean-state";

const URL_ = "https://lab.example/guest/abc/state.bin.zst";
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

function network(bytes: Uint8Array<ArrayBuffer>) {
  const requested: string[] = [];
  globalThis.fetch = (async (url: string) => (requested.push(String(url)), new Response(bytes))) as typeof fetch;
  return requested;
}

const read = (response: Response) => response.arrayBuffer();

test("a download is stored in the offline cache only when kept, under the state's URL", async () => {
  const cache = fakeCache();
  const requested = network(new Uint8Array([1, 2, 3]));
  const clean = await loadCleanState(URL_, cache, read);
  assert.deepEqual([...new Uint8Array(clean.data)], [1, 2, 3]);
  assert.deepEqual(requested, [URL_]);
  assert.equal(cache.entries.size, 0, "nothing stored before it has restored");
  await clean.keepOffline();
  const stored = cache.entries.get(URL_);
  assert.ok(stored);
  assert.deepEqual([...new Uint8Array(await stored.arrayBuffer())], [1, 2, 3]);
  assert.equal(stored.headers.get("content-length"), "3");
});

test("a cached state is read from the cache, without the network, and not stored again", async () => {
  const cache = fakeCache();
  cache.entries.set(URL_, new Response(new Uint8Array([9, 9])));
  const requested = network(new Uint8Array([1]));
  let puts = 0;
  const counting = { match: cache.match, put: async () => void puts++ };
  const clean = await loadCleanState(URL_, counting, read);
  assert.deepEqual([...new Uint8Array(clean.data)], [9, 9]);
  assert.deepEqual(requested, []);
  await clean.keepOffline();
  assert.equal(puts, 0);
});

test("without an offline cache, and with a cache that fails, the state still downloads", async () => {
  const requested = network(new Uint8Array([5]));
  await (await loadCleanState(URL_, null, read)).keepOffline();
  const failing: OfflineCache = { match: async () => Promise.reject(new Error("storage blocked")), put: async () => Promise.reject(new DOMException("full", "QuotaExceededError")) };
  const clean = await loadCleanState(URL_, failing, read);
  await clean.keepOffline(); // a full quota is not an error for the learner
  assert.deepEqual([...new Uint8Array(clean.data)], [5]);
  assert.equal(requested.length, 2);
});
