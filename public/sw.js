// Docker Browser Lab's service worker: the site and its machine keep working offline.
// Plain static script (no build step), registered by app/_lib/persistence/offline.ts.
//
// - Pages (HTML, RSC payloads): network first, the cached copy when offline.
// - /_next/static/ (content-hashed): cache first.
// - /guest/<base>/... (the folder name is a content hash): cache first, cached as fetched; this
//   covers the BIOSes and each disk part v86 loads.
// - The large files the emulator loads before the prompt are not copied as they pass: the copy
//   held back the emulator's own (docs/performance.md). The precache stores v86.wasm and the
//   worker script later (the HTTP cache answers); the emulator's worker reads and stores the
//   state's parts (state/state-<n>.bin.zst) itself.
// - /guest/manifest.json and /emulator/sandbox-worker.js: network first, cached (the worker
//   script by the precache, see above).
// - A disk part neither cached nor reachable: the pages are told at once ("dbl-sw:disk-missing")
//   and v86 gets a 503, which it retries with back-off until the network is back.
// - On the page's "dbl-sw:precache" message: the files a visit needs plus <base>hot-parts.json.
//   A page holds it ("dbl-sw:hold", "dbl-sw:release") while it waits on the guest: a command, a
//   check, the preview. Fetching and storing ~100 MB takes the core the emulator's compiler uses.

const CACHE_VERSION = "v1";
const PAGES = `dbl-pages-${CACHE_VERSION}`;
const STATIC = `dbl-static-${CACHE_VERSION}`;
const GUEST = `dbl-guest-${CACHE_VERSION}`;
const CACHES = [PAGES, STATIC, GUEST];
const DISK_TIMEOUT_MS = 8000;
/** Not copied into the cache as they pass (see above). */
const LOADED_BEFORE_THE_PROMPT = /\/(state\/state-\d+\.bin\.zst|v86\.wasm|sandbox-worker\.js)$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("dbl-") && !CACHES.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** Each holding page's id, and until when its hold lasts unless renewed: a page that goes away stops it for HOLD_MS at most. */
const holds = new Map();
const HOLD_MS = 10_000;
let holdChanged = null;

function onHoldChange() {
  holdChanged?.resolve();
  holdChanged = null;
}

/** Resolves once no page holds the precache. */
async function whileHeld() {
  for (;;) {
    const now = Date.now();
    for (const [id, until] of holds) if (until <= now) holds.delete(id);
    if (holds.size === 0) return;
    if (!holdChanged) {
      let resolve;
      const promise = new Promise((r) => (resolve = r));
      holdChanged = { promise, resolve };
    }
    await Promise.race([holdChanged.promise, new Promise((r) => setTimeout(r, Math.min(...holds.values()) - now))]);
  }
}

let diskMissing = false;

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

async function put(cacheName, request, response) {
  if (!response || response.status !== 200 || response.type === "opaque") return;
  try {
    const cache = await caches.open(cacheName);
    await cache.put(request, response);
  } catch {
    // A full quota: serve without caching (the learner's saved machine matters more).
  }
}

/** `event` keeps the service worker alive until the copy is stored; the page does not wait for it. */
async function networkFirst(event, cacheName, request, { store = true } = {}) {
  try {
    const response = await fetch(request);
    if (store && response.ok) event.waitUntil(put(cacheName, request, response.clone()));
    return response;
  } catch (err) {
    const cached = await caches.match(request, { cacheName });
    if (cached) return cached;
    if (request.mode === "navigate") {
      const page = await caches.match(new URL(request.url).pathname.replace(/\/?$/, "/"), { cacheName });
      if (page) return page;
    }
    throw err;
  }
}

async function cacheFirst(event, cacheName, request, { isDisk = false, store = true } = {}) {
  const cached = await caches.match(request, { cacheName });
  if (cached) return cached;
  const controller = new AbortController();
  const timer = isDisk ? setTimeout(() => controller.abort(), DISK_TIMEOUT_MS) : null;
  try {
    const response = await fetch(request, { signal: controller.signal });
    if (isDisk && response.ok && diskMissing) {
      diskMissing = false;
      void tellPages({ type: "dbl-sw:disk-ok" });
    }
    // Cache in the background; the emulator should not wait for the write.
    if (store && response.status === 200) event.waitUntil(put(cacheName, request, response.clone()));
    return response;
  } catch (err) {
    if (!isDisk) throw err;
    diskMissing = true;
    void tellPages({ type: "dbl-sw:disk-missing", url: request.url });
    return new Response(null, { status: 503, statusText: "Disk part unavailable offline" });
  } finally {
    if (timer) clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path === "/sw.js") return;
  if (path.startsWith("/guest/")) {
    if (path.endsWith(".json") && path.split("/").length <= 3) {
      event.respondWith(networkFirst(event, GUEST, request)); // manifest.json, packages.json
    } else {
      const store = !LOADED_BEFORE_THE_PROMPT.test(path);
      event.respondWith(cacheFirst(event, GUEST, request, { isDisk: path.includes("/disk/"), store }));
    }
    return;
  }
  if (path.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(event, STATIC, request));
    return;
  }
  if (path.startsWith("/emulator/")) {
    event.respondWith(networkFirst(event, STATIC, request, { store: !LOADED_BEFORE_THE_PROMPT.test(path) }));
    return;
  }
  event.respondWith(networkFirst(event, PAGES, request));
});

async function cacheIfMissing(cacheName, url) {
  const cache = await caches.open(cacheName);
  if (await cache.match(url)) return;
  const response = await fetch(url); // usually answered by the HTTP cache: the page just loaded it
  if (response.status === 200) await cache.put(url, response);
}

async function precache(pages) {
  const manifestUrl = new URL("/guest/manifest.json", self.location.origin).href;
  const tasks = [];
  const lastTasks = [];
  for (const page of pages || []) {
    const u = new URL(page, self.location.origin);
    if (u.origin !== self.location.origin) continue;
    const cacheName = u.pathname.startsWith("/_next/static/") || u.pathname.startsWith("/emulator/") ? STATIC : PAGES;
    tasks.push(() => cacheIfMissing(cacheName, u.href));
  }
  // The URL the page creates the worker with (emulator/src/browser/index.ts: WORKER_URL).
  tasks.push(() => cacheIfMissing(STATIC, new URL("/emulator/sandbox-worker.js?use-scheduling-api", self.location.origin).href));
  // The saved machine's compressor (app/_lib/persistence/compression.ts), for compaction offline.
  for (const file of ["compression-worker.js", "zstd.wasm"]) tasks.push(() => cacheIfMissing(STATIC, new URL(`/emulator/${file}`, self.location.origin).href));
  let base = null;
  try {
    const response = await fetch(manifestUrl, { cache: "no-cache" });
    if (response.ok) {
      await put(GUEST, manifestUrl, response.clone());
      const manifest = await response.json();
      base = new URL(manifest.base || "", manifestUrl);
      for (const file of ["v86.wasm", manifest.bios?.file, manifest.vgaBios?.file, "welcome.txt", "startup-parts.json"]) {
        if (file) tasks.push(() => cacheIfMissing(GUEST, new URL(file, base).href));
      }
      // Last, the saved machine's parts: the emulator's worker has usually stored them by then (a
      // visit that resumed the learner's own machine has not downloaded them).
      for (const part of manifest.state?.parts ?? []) {
        if (typeof part?.file === "string") lastTasks.push(() => cacheIfMissing(GUEST, new URL(part.file, base).href));
      }
      await dropOtherBases(base.pathname);
    }
  } catch {
    // Offline: nothing new to cache.
  }
  if (base) {
    try {
      const response = await fetch(new URL("hot-parts.json", base));
      if (response.ok) {
        const parts = await response.json();
        if (Array.isArray(parts)) {
          for (const part of parts) {
            if (typeof part === "string") tasks.push(() => cacheIfMissing(GUEST, new URL(part, base).href));
          }
        }
      }
      // No hot-parts.json (an older build): only what was fetched so far is cached.
    } catch {
      // ignore
    }
  }
  tasks.push(...lastTasks);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < tasks.length) {
      await whileHeld();
      const task = tasks[next++];
      try {
        await task();
      } catch {
        failed++;
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return { total: tasks.length, failed };
}

/** After a site update, the previous guest's files are garbage: delete them. */
async function dropOtherBases(currentBasePath) {
  const cache = await caches.open(GUEST);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    const isVersioned = path.split("/").length > 3; // /guest/<base>/...
    if (isVersioned && !path.startsWith(currentBasePath)) await cache.delete(request);
  }
}

self.addEventListener("message", (event) => {
  const data = event.data;
  const client = event.source?.id ?? "";
  if (data?.type === "dbl-sw:hold") holds.set(client, Date.now() + HOLD_MS);
  if (data?.type === "dbl-sw:release") holds.delete(client);
  if (data?.type === "dbl-sw:hold" || data?.type === "dbl-sw:release") return onHoldChange();
  if (!data || data.type !== "dbl-sw:precache") return;
  event.waitUntil(
    precache(data.pages).then((result) => event.source?.postMessage({ type: "dbl-sw:precached", ...result })),
  );
});
