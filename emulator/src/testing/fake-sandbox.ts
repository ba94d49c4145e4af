// An in-memory Sandbox for unit tests of UI logic. It never runs Linux: a tiny line-based
// "shell" echoes input and answers from a command table. Never used by the site.

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

export interface FakeSandboxOptions {
  /** Milliseconds between start phases (0 = next microtask). */
  stepMs?: number;
  /** Bytes "downloaded" during start, reported in 4 progress steps. */
  downloadBytes?: number;
  /** Make start() fail with this message (status "crashed", error set). */
  failStartWith?: string;
  /** Answers for the fake shell and exec(): command line -> output (or a function of it). */
  commands?: Record<string, string | ((line: string) => string)>;
  /** Answers exec(); default: looks the script up in `commands`, exit 0, else exit 127. */
  exec?: (script: string) => Partial<ExecResult> | Promise<Partial<ExecResult>>;
  /** Shell prompt. Default "$ ". */
  prompt?: string;
}

const encoder = new TextEncoder();

export class FakeSandbox implements Sandbox {
  readonly status = new Store<SandboxStatus>("idle");
  readonly progress = new Store<SandboxProgress>({ loaded: 0, total: 0, phase: "idle" });
  readonly error = new Store<string | null>(null);
  readonly busy = new Store<boolean>(false);
  /** Tests set it to show the health banners: `fake.health.set("panicked")`. */
  readonly health = new Store<SandboxHealth>("ok");

  /** Everything passed to start(), exec() and sendInput(), for assertions. */
  readonly calls = {
    start: [] as Array<StartOptions | undefined>,
    exec: [] as string[],
    input: [] as string[],
    resets: 0,
  };
  /** Last size any attached terminal reported. */
  size: { cols: number; rows: number } | null = null;

  private readonly terminals = new Set<TerminalLike>();
  private line = "";
  private readonly options: Required<Pick<FakeSandboxOptions, "stepMs" | "downloadBytes" | "prompt">> &
    FakeSandboxOptions;

  constructor(options: FakeSandboxOptions = {}) {
    this.options = { stepMs: 0, downloadBytes: 4_000_000, prompt: "$ ", ...options };
  }

  async start(options?: StartOptions): Promise<void> {
    this.calls.start.push(options);
    this.assertAlive();
    this.error.set(null);
    const total = this.options.downloadBytes;
    this.status.set("downloading");
    for (let i = 0; i <= 4; i++) {
      this.progress.set({ loaded: (total * i) / 4, total, phase: "downloading" });
      await this.tick();
    }
    if (this.options.failStartWith) {
      this.crash(this.options.failStartWith);
      throw new Error(this.options.failStartWith);
    }
    if (options?.coldBoot) {
      this.status.set("booting");
      this.progress.set({ loaded: 0, total: 0, phase: "booting" });
      this.print("[    0.000000] Linux version 6.1.0-fake (fake-sandbox)\r\n");
      await this.tick();
    } else {
      this.status.set("restoring");
      this.progress.set({ loaded: 0, total: 0, phase: "restoring" });
      await this.tick();
    }
    this.status.set("starting-docker");
    this.progress.set({ loaded: 0, total: 0, phase: "starting-docker" });
    await this.tick();
    this.status.set("ready");
    this.progress.set({ loaded: 0, total: 0, phase: "ready" });
    this.print(this.options.prompt);
  }

  attachTerminal(term: TerminalLike): () => void {
    this.terminals.add(term);
    this.size = { cols: term.cols, rows: term.rows };
    const offInput = term.onInput((data) => this.handleInput(data));
    const offResize = term.onResize((size) => {
      this.size = size;
    });
    return () => {
      offInput();
      offResize();
      this.terminals.delete(term);
    };
  }

  sendInput(data: string): void {
    this.handleInput(data);
  }

  async exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.exec.push(script);
    if (this.status.get() !== "ready") throw new Error(`FakeSandbox.exec: machine is ${this.status.get()}`);
    if (options.signal?.aborted) throw new DOMException("Aborted", "AbortError");
    const answer = this.options.exec
      ? await this.options.exec(script)
      : (() => {
          const out = this.lookup(script.trim());
          return out === null
            ? { exitCode: 127, stdout: "", stderr: `${script.trim()}: not found\n` }
            : { exitCode: 0, stdout: out };
        })();
    return { exitCode: 0, stdout: "", stderr: "", timedOut: false, ...answer };
  }

  async save(): ReturnType<Sandbox["save"]> {
    this.assertAlive();
    const data = encoder.encode(JSON.stringify({ fake: true, savedAt: Date.now() })).buffer as ArrayBuffer;
    return { data, meta: { diskSha256: "fake-disk", optionsHash: "fake-options", v86Version: "fake", memoryMB: 0 } };
  }

  async reset(): Promise<void> {
    this.assertAlive();
    this.calls.resets++;
    this.line = "";
    this.busy.set(false);
    this.error.set(null);
    this.status.set("restoring");
    await this.tick();
    this.status.set("ready");
    this.print(this.options.prompt);
  }

  async destroy(): Promise<void> {
    this.terminals.clear();
    this.busy.set(false);
    this.status.set("destroyed");
  }

  // ---- test helpers ----

  /** Simulate the emulator dying. */
  crash(reason: string): void {
    this.error.set(reason);
    this.busy.set(false);
    this.status.set("crashed");
  }

  /** Write guest output to every attached terminal. */
  print(text: string): void {
    const bytes = encoder.encode(text);
    for (const term of this.terminals) term.write(bytes);
  }

  // ---- internals ----

  private handleInput(data: string): void {
    this.calls.input.push(data);
    if (this.status.get() !== "ready") return;
    for (const ch of data) {
      if (ch === "\r" || ch === "\n") {
        this.print("\r\n");
        this.runLine(this.line.trim());
        this.line = "";
      } else if (ch === "\x7f") {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.print("\b \b");
        }
      } else if (ch === "\x03") {
        this.line = "";
        this.print("^C\r\n" + this.options.prompt);
      } else if (ch >= " ") {
        this.line += ch;
        this.print(ch);
      }
    }
  }

  private runLine(line: string): void {
    if (line) {
      this.busy.set(true);
      const out = this.lookup(line);
      this.print(out === null ? `sh: ${line.split(/\s+/)[0]}: not found\r\n` : out.replace(/\r?\n/g, "\r\n"));
      this.busy.set(false);
    }
    this.print(this.options.prompt);
  }

  private lookup(line: string): string | null {
    const answer = this.options.commands?.[line];
    if (typeof answer === "function") return answer(line);
    if (typeof answer === "string") return answer;
    const echo = /^echo\s+(.*)$/.exec(line);
    return echo ? `${echo[1]}\n` : null;
  }

  private assertAlive(): void {
    if (this.status.get() === "destroyed") throw new Error("FakeSandbox: destroyed");
  }

  private tick(): Promise<void> {
    return this.options.stepMs > 0
      ? new Promise((resolve) => setTimeout(resolve, this.options.stepMs))
      : Promise.resolve();
  }
}
