// Entry point for the site: a Sandbox whose v86 runs in a Web Worker. The page keeps mirrors of
// the worker's observables so reads are synchronous; everything else is a message.

import * as Comlink from "comlink";
import { Store } from "../observable";
import type {
  Disposable,
  ExecOptions,
  ExecResult,
  Sandbox,
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

  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<WorkerApi>;
  private readonly terminals = new Set<TerminalLike>();
  private readonly guestBaseUrl: string;

  constructor(options: BrowserSandboxOptions) {
    this.guestBaseUrl = new URL(options.guestBaseUrl, location.href).href;
    this.worker = new Worker(options.workerUrl ?? WORKER_URL, { type: "module", name: "v86" });
    this.remote = Comlink.wrap<WorkerApi>(this.worker);
    void this.remote.connect(Comlink.proxy((event: WorkerEvent) => this.onEvent(event)));
  }

  private onEvent(event: WorkerEvent): void {
    switch (event.type) {
      case "console":
        for (const term of this.terminals) term.write(event.value);
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

  start(options: StartOptions = {}): Promise<void> {
    const state = options.state ? Comlink.transfer(options.state, [options.state.data]) : undefined;
    return this.remote.start({ guestBaseUrl: this.guestBaseUrl, coldBoot: options.coldBoot, state });
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
