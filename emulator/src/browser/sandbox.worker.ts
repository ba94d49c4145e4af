// The Web Worker that runs v86, so emulation never blocks the page. Bundled on its own by
// scripts/build-worker.mjs into public/emulator/sandbox-worker.js.

import * as Comlink from "comlink";
import { V86 } from "v86";
import { GuestMachine, type V86Instance } from "../guest-machine";
import { parseGuestManifest, statePartsOf, type GuestManifest } from "../guest-manifest";
import { buildV86Options } from "../v86-options";
import type { TerminalLike } from "../sandbox";
import type { WorkerApi, WorkerEvent } from "./worker-api";
import { loadCleanState, openOfflineCache } from "./clean-state";
import { diskOf, partOffsets, preloadParts } from "../disk-preload";
import { fetchPartList } from "./startup-parts";
import { throttleLatest } from "../throttle";
import { JIT_DUTY_CYCLE, runJitOnDutyCycle } from "../jit-duty-cycle";

let machine: GuestMachine | null = null;
let filesUrl = "";
/** The service worker's cache for the guest's files, when the page has one (BrowserSandboxOptions.offlineCache). */
let offlineCacheName: string | undefined;
/** Stores the downloaded clean state for offline visits, once it has restored. */
let keepCleanStateOffline: (() => Promise<void>) | null = null;
const preload = new AbortController();
/** The disk parts the first docker commands read (startup-parts.json), fetched while the state downloads. */
let startupParts: Promise<string[]> = Promise.resolve([]);
let emit: (event: WorkerEvent) => void = () => {};
/** Stops the current emulator's JIT duty cycle (there is one emulator at a time). */
let stopJitDutyCycle: () => void = () => {};
const inputListeners = new Set<(data: string) => void>();
const resizeListeners = new Set<(size: { cols: number; rows: number }) => void>();
let size = { cols: 80, rows: 24 };

// Console events the page has not yet written, by id: their `written` callbacks (flow control).
const unacked = new Map<number, () => void>();
let consoleId = 0;

/** The page's terminal, seen from the worker: output goes out as events, input comes in as calls. */
const pageTerminal: TerminalLike = {
  flowControl: true,
  write: (data, written) => {
    const id = ++consoleId;
    if (written) unacked.set(id, written);
    emit({ type: "console", value: data, id });
  },
  onInput: (listener) => (inputListeners.add(listener), () => inputListeners.delete(listener)),
  onResize: (listener) => (resizeListeners.add(listener), () => resizeListeners.delete(listener)),
  get cols() {
    return size.cols;
  },
  get rows() {
    return size.rows;
  },
};

async function loadManifest(baseUrl: string): Promise<{ manifest: GuestManifest; filesUrl: string }> {
  const url = new URL("manifest.json", baseUrl);
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) {
    throw new Error(`The machine's files are missing on this site (${url.pathname}: HTTP ${response.status}).`);
  }
  const manifest = parseGuestManifest(await response.json(), url.pathname);
  return { manifest, filesUrl: new URL(manifest.base ?? "", url).href };
}

/**
 * The download reports every chunk (about 700 for the state's parts); the boot screen needs a few updates
 * a second, and each event is a message and a render on the page.
 */
const PROGRESS_EVERY_MS = 100;

/** Resolves once the machine's prompt is live (never, if it does not get there). */
function whenReady(machine: GuestMachine): Promise<void> {
  return new Promise((resolve) => {
    const off = machine.status.subscribe((value) => {
      if (value !== "ready") return;
      queueMicrotask(() => off());
      resolve();
    });
  });
}

function createMachine(manifest: GuestManifest, filesUrl: string): GuestMachine {
  const resolve = (file: string) => new URL(file, filesUrl).href;
  const m = new GuestMachine({
    manifest,
    createEmulator: (coldBoot) => {
      const emulator = new V86(
        buildV86Options({
          manifest,
          resolve,
          disk: { kind: "parts", url: resolve(manifest.disk.parts) },
          wasmPath: resolve("v86.wasm"),
          coldBoot,
        }) as any,
      ) as unknown as V86Instance;
      stopJitDutyCycle();
      emulator.add_listener("emulator-loaded", () => (stopJitDutyCycle = runJitOnDutyCycle(emulator, JIT_DUTY_CYCLE)));
      return emulator;
    },
    loadCleanState: async (onProgress) => {
      const parts = statePartsOf(manifest).map((part) => ({ url: resolve(part.file), size: part.size }));
      const cache = await openOfflineCache(offlineCacheName);
      const clean = await loadCleanState(parts, cache, onProgress);
      keepCleanStateOffline = clean.keepOffline;
      return clean.data;
    },
    loadWelcomeText: async () => {
      const response = await fetch(resolve("welcome.txt"));
      return response.ok ? response.text() : null; // an older build: the guest prints it
    },
    onRestored: (emulator) => {
      const disk = diskOf(emulator);
      if (!disk) return;
      const chunk = manifest.disk.chunkSize;
      void whenReady(m).then(() => startupParts).then((names) => preloadParts(disk, partOffsets(names, chunk), chunk, { signal: preload.signal, concurrency: 3 }));
    },
  });
  m.status.subscribe((value) => emit({ type: "status", value }));
  m.progress.subscribe(throttleLatest((value) => emit({ type: "progress", value }), PROGRESS_EVERY_MS));
  m.error.subscribe((value) => emit({ type: "error", value }));
  m.busy.subscribe((value) => emit({ type: "busy", value }));
  m.health.subscribe((value) => emit({ type: "health", value }));
  m.attachTerminal(pageTerminal);
  return m;
}

/** The 46 MB write waits for a quiet moment: not on the machine while the learner's first command runs. */
const KEEP_OFFLINE_AFTER_QUIET_MS = 3000;

/** Cancels a pending keepDownloadedStateOffline (the machine is going away). */
let cancelKeepOffline: () => void = () => {};

/** After a download that restored: stored in the background once no command has run for a while. */
function keepDownloadedStateOffline(): void {
  const keep = keepCleanStateOffline;
  const busy = machine?.busy;
  keepCleanStateOffline = null;
  if (!keep || !busy) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    if (!busy.get()) timer = setTimeout(() => (cancel(), void keep()), KEEP_OFFLINE_AFTER_QUIET_MS);
  };
  const unsubscribe = busy.subscribe(schedule);
  const cancel = () => {
    clearTimeout(timer);
    unsubscribe();
    cancelKeepOffline = () => {};
  };
  cancelKeepOffline();
  cancelKeepOffline = cancel;
  schedule();
}

const api: WorkerApi = {
  connect(onEvent) {
    emit = onEvent;
  },
  async start({ guestBaseUrl, coldBoot, state, offlineCache }) {
    offlineCacheName = offlineCache;
    if (!machine) {
      emit({ type: "status", value: "downloading" });
      try {
        const loaded = await loadManifest(guestBaseUrl);
        filesUrl = loaded.filesUrl;
        startupParts = fetchPartList(new URL("startup-parts.json", filesUrl).href, preload.signal);
        machine = createMachine(loaded.manifest, filesUrl);
      } catch (err) {
        emit({ type: "error", value: err instanceof Error ? err.message : String(err) });
        emit({ type: "status", value: "crashed" });
        throw err;
      }
    }
    await machine.start({ coldBoot, state });
    keepDownloadedStateOffline();
  },
  input(data) {
    for (const listener of inputListeners) listener(data);
  },
  ack(id) {
    for (const [pending, written] of unacked) {
      if (pending > id) break;
      unacked.delete(pending);
      written();
    }
  },
  resize(cols, rows) {
    size = { cols, rows };
    for (const listener of resizeListeners) listener(size);
  },
  async exec(script, timeoutMs) {
    if (!machine) throw new Error("The machine is not running.");
    return machine.exec(script, { timeoutMs });
  },
  async save() {
    if (!machine) throw new Error("The machine is not running.");
    const saved = await machine.save();
    return Comlink.transfer(saved, [saved.data]);
  },
  async reset() {
    await machine?.reset();
    keepDownloadedStateOffline();
  },
  async destroy() {
    stopJitDutyCycle();
    cancelKeepOffline();
    preload.abort();
    await machine?.destroy();
    machine = null;
  },
};

Comlink.expose(api);
