// Entry point for the site: a Sandbox whose v86 runs in a Web Worker. The page keeps mirrors of
// the worker's observables so reads are synchronous; everything else is a message.

import * as Comlink from "comlink";
import { Store } from "../observable";
import type {
  Disposable,
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
 * message round trip through a helper worker. Measured in Chromium on a 2-core machine: the
 * emulator ran 94% of the time instead of 77% during a warm `docker ps` (docs/performance.md).
 * Browsers without `scheduler.postTask` fall back to v86's default.
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
  private readonly terminals = new Set<TerminalLike>();
  private readonly guestBaseUrl: string;
  private readonly offlineCache: string | undefined;
  /** Console events not yet on every terminal's screen, oldest first (flow control). */
  private readonly unwritten: Array<{ id: number; left: number }> = [];
  private ackedId = 0;
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
    const entry = { id, left: this.terminals.size };
    this.unwritten.push(entry);
    for (const term of this.terminals) {
      if (!term.flowControl) {
        term.write(data);
        entry.left--;
        continue;
      }
      let called = false;
      term.write(data, () => {
        if (called) return;
        called = true;
        entry.left--;
        this.acknowledge();
      });
    }
    this.acknowledge();
  }

  private acknowledge(): void {
    while (this.unwritten.length > 0 && this.unwritten[0].left <= 0) this.ackedId = this.unwritten.shift()!.id;
    if (this.ackQueued || this.ackedId === this.sentAckId) return;
    this.ackQueued = true;
    // One message for all the writes xterm finished in this task.
    queueMicrotask(() => {
      this.ackQueued = false;
      this.sentAckId = this.ackedId;
      void this.remote.ack(this.ackedId);
    });
  }

  start(options: StartOptions = {}): Promise<void> {
    const state = options.state ? Comlink.transfer(options.state, [options.state.data]) : undefined;
    return this.remote.start({ guestBaseUrl: this.guestBaseUrl, offlineCache: this.offlineCache, coldBoot: options.coldBoot, state });
  }

  attachTerminal(term: TerminalLike): Disposable {
    this.terminals.add(term);
    const offInput = term.onInput((data) => void this.remote.input(data));
    const offResize = term.onResize(({ cols, rows }) => void this.remote.resize(cols, rows));
    void this.remote.resize(term.cols, term.rows);
    return {
      dispose: () => {
        offInput();
        offResize();
        this.terminals.delete(term);
        // What it had not written yet will never be: do not let it hold the guest.
        if (this.terminals.size === 0) {
          this.unwritten.forEach((entry) => (entry.left = 0));
          this.acknowledge();
        }
      },
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
    return this.remote.reset();
  }

  async destroy(): Promise<void> {
    try {
      await this.remote.destroy();
    } finally {
      this.remote[Comlink.releaseProxy]();
      this.worker.terminate();
      this.terminals.clear();
      this.status.set("destroyed");
    }
  }
}

export function createBrowserSandbox(options: BrowserSandboxOptions): Sandbox {
  return new WorkerSandbox(options);
}
