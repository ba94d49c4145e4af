// Entry point for the site: a Sandbox whose v86 runs in a Web Worker. The page keeps mirrors of
// the worker's observables so reads are synchronous; everything else is a message.

import * as Comlink from "comlink";
import { ConsoleFanout } from "../console-fanout";
import { Store } from "../observable";
import type {
  ExecOptions,
  ExecResult,
  Sandbox,
  SandboxHealth,
  SandboxProgress,
  SandboxStatus,
  StartOptions,
  TerminalLike,
} from "../sandbox";
import type { WorkerApi, WorkerEvent } from "./worker-api";

export interface BrowserSandboxOptions {
  /** Where the guest's manifest.json is served, e.g. "/guest/". */
  guestBaseUrl: string;
  /** The bundled worker (scripts/build-worker.mjs). */
  workerUrl?: string;
  /**
   * The Cache Storage cache the page's service worker serves the guest's files from offline. The
   * worker reads the clean state from it directly and stores the state there after a download.
   */
  offlineCache?: string;
}

/**
 * The bundled worker. `use-scheduling-api` is v86's own switch (it reads the worker's URL): between
 * slices of emulation v86 then yields with `scheduler.postTask` inside its worker instead of a
 * message round trip through a helper worker, and the emulator runs a larger share of the time
 * (docs/performance.md). Browsers without `scheduler.postTask` fall back to v86's default.
 */
export const WORKER_URL = "/emulator/sandbox-worker.js?use-scheduling-api";

class WorkerSandbox implements Sandbox {
  readonly status = new Store<SandboxStatus>("idle");
  readonly progress = new Store<SandboxProgress>({ loaded: 0, total: 0, phase: "idle" });
  readonly error = new Store<string | null>(null);
  readonly busy = new Store<boolean>(false);
  readonly health = new Store<SandboxHealth>("ok");

  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<WorkerApi>;
  /** The console's terminals on this page; the worker hears what they have all written (flow control). */
  private readonly console = new ConsoleFanout();
  private readonly guestBaseUrl: string;
  private readonly offlineCache: string | undefined;
  /** The last console event every terminal has written, and the last one the worker was told of. */
  private writtenId = 0;
  private sentAckId = 0;
  private ackQueued = false;

  constructor(options: BrowserSandboxOptions) {
    this.guestBaseUrl = new URL(options.guestBaseUrl, location.href).href;
    this.offlineCache = options.offlineCache;
    this.worker = new Worker(options.workerUrl ?? WORKER_URL, { type: "module", name: "v86" });
    this.remote = Comlink.wrap<WorkerApi>(this.worker);
    void this.remote.connect(Comlink.proxy((event: WorkerEvent) => this.onEvent(event)));
  }

  private onEvent(event: WorkerEvent): void {
    switch (event.type) {
      case "console":
        this.writeConsole(event.value, event.id);
        break;
      case "health":
        this.health.set(event.value);
        break;
      case "status":
        this.status.set(event.value);
        break;
      case "progress":
        this.progress.set(event.value);
        break;
      case "error":
        this.error.set(event.value);
        break;
      case "busy":
        this.busy.set(event.value);
        break;
    }
  }

  /** Writes guest output to every terminal; the worker hears once all have written it. */
  private writeConsole(data: Uint8Array, id: number): void {
    this.console.write(data, () => this.acknowledge(id));
  }

  private acknowledge(id: number): void {
    this.writtenId = id;
    if (this.ackQueued) return;
    this.ackQueued = true;
    // One message for all the writes the terminals finished in this task.
    queueMicrotask(() => {
      this.ackQueued = false;
      if (this.writtenId === this.sentAckId) return;
      this.sentAckId = this.writtenId;
      void this.remote.ack(this.writtenId);
    });
  }

  start(options: StartOptions = {}): Promise<void> {
    const state = options.state ? Comlink.transfer(options.state, [options.state.data]) : undefined;
    return this.remote.start({ guestBaseUrl: this.guestBaseUrl, offlineCache: this.offlineCache, coldBoot: options.coldBoot, state });
  }

  attachTerminal(term: TerminalLike): () => void {
    const detach = this.console.attach(term);
    const offInput = term.onInput((data) => void this.remote.input(data));
    const offResize = term.onResize(({ cols, rows }) => void this.remote.resize(cols, rows));
    void this.remote.resize(term.cols, term.rows);
    return () => {
      offInput();
      offResize();
      detach();
    };
  }

  sendInput(data: string): void {
    void this.remote.input(data);
  }

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const run = this.remote.exec(script, options.timeoutMs ?? 30_000);
    const signal = options.signal;
    if (!signal) return run;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException("Aborted", "AbortError"));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      run.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  save() {
    return this.remote.save();
  }

  reset(): Promise<void> {
    this.console.clearBacklog(); // as the worker's machine does: a terminal attached later starts blank
    return this.remote.reset();
  }

  async destroy(): Promise<void> {
    try {
      await this.remote.destroy();
    } finally {
      this.remote[Comlink.releaseProxy]();
      this.worker.terminate();
      this.console.detachAll();
      this.status.set("destroyed");
    }
  }
}

export function createBrowserSandbox(options: BrowserSandboxOptions): Sandbox {
  return new WorkerSandbox(options);
}
