// The Web Worker that runs v86, so emulation never blocks the page. Bundled on its own by
// scripts/build-worker.mjs into public/emulator/sandbox-worker.js.

import * as Comlink from "comlink";
import { V86 } from "v86";
import { GuestMachine, type V86Instance } from "../guest-machine";
import { buildV86Options, guestManifestSchema, type GuestManifest } from "../guest-manifest";
import type { TerminalLike } from "../sandbox";
import type { WorkerApi, WorkerEvent } from "./worker-api";
import { fetchWithProgress } from "./fetch-progress";
import { diskOf, partOffsets, preloadParts } from "../disk-preload";
import { fetchPartList, warmHttpCache } from "./startup-parts";

let machine: GuestMachine | null = null;
let filesUrl = "";
const preload = new AbortController();
/** The disk parts the first docker commands read (startup-parts.json), fetched while the state downloads. */
let startupParts: Promise<string[]> = Promise.resolve([]);
let emit: (event: WorkerEvent) => void = () => {};
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
  const manifest = guestManifestSchema.parse(await response.json());
  return { manifest, filesUrl: new URL(manifest.base ?? "", url).href };
}

function createMachine(manifest: GuestManifest, filesUrl: string): GuestMachine {
  const resolve = (file: string) => new URL(file, filesUrl).href;
  const m = new GuestMachine({
    manifest,
    createEmulator: (coldBoot) =>
      new V86(
        buildV86Options({
          manifest,
          resolve,
          disk: { kind: "parts", url: resolve(manifest.disk.parts) },
          wasmPath: resolve("v86.wasm"),
          coldBoot,
        }) as any,
      ) as unknown as V86Instance,
    loadCleanState: (onProgress) => fetchWithProgress(resolve(manifest.state.file), onProgress),
    loadWelcomeText: async () => {
      const response = await fetch(resolve("welcome.txt"));
      return response.ok ? response.text() : null; // an older build: the guest prints it
    },
    onRestored: (emulator) => {
      const disk = diskOf(emulator);
      if (!disk) return;
      const chunk = manifest.disk.chunkSize;
      void startupParts.then((names) => preloadParts(disk, partOffsets(names, chunk), chunk, { signal: preload.signal, concurrency: 3 }));
    },
  });
  m.status.subscribe((value) => emit({ type: "status", value }));
  m.progress.subscribe((value) => emit({ type: "progress", value }));
  m.error.subscribe((value) => emit({ type: "error", value }));
  m.busy.subscribe((value) => emit({ type: "busy", value }));
  m.health.subscribe((value) => emit({ type: "health", value }));
  m.attachTerminal(pageTerminal);
  return m;
}

const api: WorkerApi = {
  connect(onEvent) {
    emit = onEvent;
  },
  async start({ guestBaseUrl, coldBoot, state }) {
    if (!machine) {
      emit({ type: "status", value: "downloading" });
      try {
        const loaded = await loadManifest(guestBaseUrl);
        filesUrl = loaded.filesUrl;
        startupParts = fetchPartList(new URL("startup-parts.json", filesUrl).href, preload.signal);
        void startupParts.then((names) => warmHttpCache(names, filesUrl, preload.signal));
        machine = createMachine(loaded.manifest, filesUrl);
      } catch (err) {
        emit({ type: "error", value: err instanceof Error ? err.message : String(err) });
        emit({ type: "status", value: "crashed" });
        throw err;
      }
    }
    await machine.start({ coldBoot, state });
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
  },
  async destroy() {
    preload.abort();
    await machine?.destroy();
    machine = null;
  },
};

Comlink.expose(api);
