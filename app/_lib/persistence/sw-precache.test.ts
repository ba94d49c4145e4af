// public/sw.js's precache, run in a VM with stand-ins for the service worker's globals: a page's
// hold keeps it from starting another download until the hold is released.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const ORIGIN = "https://lab.test";

function serviceWorker() {
  const listeners = new Map<string, (event: unknown) => void>();
  const fetched: string[] = [];
  const posted: unknown[] = [];
  const stored = new Map<string, Response>();
  const cache = { match: async (url: string) => stored.get(url), put: async (url: string, r: Response) => void stored.set(url, r), keys: async () => [], delete: async () => true };
  const globals = {
    self: { addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn), location: { origin: ORIGIN } },
    caches: { open: async () => cache, keys: async () => [], delete: async () => true },
    fetch: async (input: string | URL) => {
      const url = String(input);
      fetched.push(url.replace(ORIGIN, ""));
      if (url.endsWith("/guest/manifest.json")) return new Response(JSON.stringify({ base: "v1/", state: { parts: [] } }));
      if (url.endsWith("/hot-parts.json")) return new Response(JSON.stringify(["disk/a.zst", "disk/b.zst"]));
      return new Response("bytes");
    },
    URL,
    Response,
    // The hold's lapse timer must not keep the test process alive.
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
  };
  vm.createContext(globals);
  vm.runInContext(readFileSync(new URL("../../../public/sw.js", import.meta.url), "utf8"), globals);
  const message = (data: unknown): Promise<unknown> | undefined => {
    let work: Promise<unknown> | undefined;
    listeners.get("message")!({ data, source: { id: "page-1", postMessage: (m: unknown) => posted.push(m) }, waitUntil: (p: Promise<unknown>) => (work = p) });
    return work;
  };
  return { fetched, posted, message };
}

const diskParts = (fetched: string[]) => fetched.filter((url) => url.includes("/disk/"));

test("a held precache starts no download until the page releases it", async () => {
  const sw = serviceWorker();
  sw.message({ type: "dbl-sw:hold" });
  const done = sw.message({ type: "dbl-sw:precache", pages: ["/en/play/"] });
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(sw.fetched.includes("/guest/manifest.json"), "it reads what there is to cache");
  assert.ok(!sw.fetched.includes("/en/play/"), "but fetches no page while held");
  assert.deepEqual(diskParts(sw.fetched), []);
  sw.message({ type: "dbl-sw:release" });
  await done;
  assert.deepEqual(diskParts(sw.fetched).sort(), ["/guest/v1/disk/a.zst", "/guest/v1/disk/b.zst"]);
  // Every fetch but the manifest and hot-parts.json was a task of the precache.
  assert.deepEqual(JSON.parse(JSON.stringify(sw.posted)), [{ type: "dbl-sw:precached", total: sw.fetched.length - 2, failed: 0 }]);
});

test("without a hold the precache runs through", async () => {
  const sw = serviceWorker();
  await sw.message({ type: "dbl-sw:precache", pages: ["/en/play/"] });
  assert.equal(diskParts(sw.fetched).length, 2);
});
