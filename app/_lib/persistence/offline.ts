// The page's side of the service worker (public/sw.js): register it, wait (briefly) until it
// controls the page so the emulator's worker and its downloads go through it, ask it to cache
// what a visit needs, and hear when a disk part is missing offline.

export type ServiceWorkerNotice = { type: "dbl-sw:disk-missing"; url: string } | { type: "dbl-sw:disk-ok" };

function supported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && process.env.NODE_ENV === "production";
}

/** public/sw.js's cache for the guest's files (its GUEST constant); the emulator's worker also reads and fills it. */
export const GUEST_CACHE = "dbl-guest-v1";

let registering: Promise<boolean> | null = null;

/**
 * Registers /sw.js and resolves once it controls this page (at most `timeoutMs`, so a slow or
 * failing registration never holds the machine back), with whether it does.
 */
export function registerServiceWorker(timeoutMs = 3000): Promise<boolean> {
  if (!supported()) return Promise.resolve(false);
  registering ??= (async () => {
    const sw = navigator.serviceWorker;
    if (sw.controller) {
      void sw.register("/sw.js").catch(() => {}); // picks up a new sw.js in the background
      return true;
    }
    const controlled = new Promise<void>((resolve) => sw.addEventListener("controllerchange", () => resolve(), { once: true }));
    try {
      await sw.register("/sw.js");
    } catch {
      return false; // e.g. blocked by the browser: the site works online
    }
    await Promise.race([controlled, new Promise((r) => setTimeout(r, timeoutMs))]);
    return sw.controller !== null;
  })();
  return registering;
}

/** Options for the machine on a page with the service worker: its offline cache, when it controls the page. */
export async function offlineSandboxOptions(): Promise<{ offlineCache?: string }> {
  return (await registerServiceWorker()) ? { offlineCache: GUEST_CACHE } : {};
}

export function onServiceWorkerNotice(listener: (notice: ServiceWorkerNotice) => void): () => void {
  if (!supported()) return () => {};
  const handler = (event: MessageEvent) => {
    const data = event.data as ServiceWorkerNotice | undefined;
    if (data && (data.type === "dbl-sw:disk-missing" || data.type === "dbl-sw:disk-ok")) listener(data);
  };
  navigator.serviceWorker.addEventListener("message", handler);
  return () => navigator.serviceWorker.removeEventListener("message", handler);
}

/** Asks the service worker (once) to cache this page, its scripts and the machine's files for offline use. */
let precacheRequested = false;

export function requestPrecache(): void {
  if (!supported() || precacheRequested) return;
  const controller = navigator.serviceWorker.controller;
  if (!controller) return;
  precacheRequested = true; // once a page: the service worker finishes it even if the page moves on
  const pages = new Set<string>([location.pathname]);
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && !url.pathname.startsWith("/guest/")) pages.add(url.pathname + url.search);
  }
  controller.postMessage({ type: "dbl-sw:precache", pages: [...pages] });
}

/** How often a hold is renewed: the service worker lets one lapse after 10 s (public/sw.js). */
const HOLD_RENEW_MS = 4_000;
let holders = 0;
let renewTimer: ReturnType<typeof setInterval> | null = null;

/**
 * Holds the service worker's precache while the page waits on the guest (a command, a check, the
 * preview): its downloads and cache writes take the core the emulator's compiler uses. Returns
 * the release; the precache goes on once every hold of the page is released.
 */
export function holdPrecache(): () => void {
  const post = (type: "dbl-sw:hold" | "dbl-sw:release") => {
    if (supported()) navigator.serviceWorker.controller?.postMessage({ type });
  };
  if (++holders === 1) {
    post("dbl-sw:hold");
    renewTimer = setInterval(() => post("dbl-sw:hold"), HOLD_RENEW_MS);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders > 0) return;
    if (renewTimer !== null) clearInterval(renewTimer);
    renewTimer = null;
    post("dbl-sw:release");
  };
}

/** `work` with the precache held until it settles. */
export async function withPrecacheHeld<T>(work: () => Promise<T>): Promise<T> {
  const release = holdPrecache();
  try {
    return await work();
  } finally {
    release();
  }
}
