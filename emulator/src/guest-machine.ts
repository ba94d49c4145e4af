// The Sandbox implementation on top of one v86 instance. It runs wherever v86 runs: in a Web
// Worker for the site, in Node for the tests, the benchmark and the build's snapshot step.

import { encodePing, encodeRequest, encodeWinsize, newNonce, ReplyParser, type AgentReply } from "./agent-protocol";
import type { GuestManifest } from "./guest-manifest";
import { DOCKER_PROBE_SCRIPT, HealthMonitor, parseDockerProbe, type HealthMonitorOptions } from "./health";
import { Store } from "./observable";
import {
  isStoppedForGood,
  type Disposable,
  type ExecOptions,
  type ExecResult,
  type Sandbox,
  type SandboxHealth,
  type SandboxProgress,
  type SandboxStatus,
  type StartOptions,
  type TerminalLike,
} from "./sandbox";
import { SemanticPromptScanner } from "./semantic-prompt";
import { assertChecksum, assertStateRestorable, type StateMeta } from "./state-check";
import { reflowText } from "./reflow";
import { tuneJit } from "./jit-tuning";
import { restoreInPlace, type RestoredAs } from "./restore-in-place";

/** The subset of v86's `V86` class the machine uses. */
export interface V86Instance {
  add_listener(event: string, listener: (value: any) => void): void;
  remove_listener(event: string, listener: (value: any) => void): void;
  run(): Promise<void> | void;
  stop(): Promise<void> | void;
  destroy(): Promise<void>;
  restore_state(state: ArrayBuffer): Promise<void>;
  save_state(): Promise<ArrayBuffer>;
  serial_send_bytes(serial: number, data: Uint8Array): void;
  get_instruction_counter(): number;
  is_running(): boolean;
}

export interface MachineHost {
  manifest: GuestManifest;
  /** Creates the emulator with the options for a restore or a cold boot. */
  createEmulator(coldBoot: boolean): V86Instance;
  /** Loads the clean snapshot's bytes, reporting progress. */
  loadCleanState(onProgress: (loaded: number, total: number) => void): Promise<ArrayBuffer>;
  /** The guest's /etc/motd, published with the site: shown after a resume without asking the guest. */
  loadWelcomeText?(): Promise<string | null>;
  /** Called once a state is restored, before the guest runs: e.g. to preload its disk reads. */
  onRestored?(emulator: V86Instance): void;
  /** The silence at the prompt that the Docker check after a quick resume waits for (tests). Default 3 s. */
  settleLullMs?: number;
  /** Timings and clock of the health monitor (tests); defaults in health.ts. */
  health?: Omit<HealthMonitorOptions, "probe" | "ping" | "onFatal">;
}

const CONSOLE_BACKLOG_BYTES = 256 * 1024;
/**
 * Output flow control: console bytes handed to flow-controlled terminals and not yet written.
 * Above HIGH the emulator is stopped (the guest itself waits); below LOW it runs again.
 */
export const FLOW_HIGH_BYTES = 128 * 1024;
export const FLOW_LOW_BYTES = 32 * 1024;
const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
/** After a quick resume, the Docker check waits for this much silence at the prompt (a learner reading)... */
const SETTLE_LULL_MS = 3_000;
/** ...but no longer than this after the resume. */
const SETTLE_LATEST_MS = 30_000;

export class GuestMachine implements Sandbox {
  readonly status = new Store<SandboxStatus>("idle");
  readonly progress = new Store<SandboxProgress>({ loaded: 0, total: 0, phase: "idle" });
  readonly error = new Store<string | null>(null);
  readonly busy = new Store<boolean>(false);
  private readonly monitor: HealthMonitor;
  readonly health: Store<SandboxHealth>;

  /** Console bytes written to flow-controlled terminals and not yet on their screens. */
  private unwritten = 0;
  /** The emulator is stopped by flow control. */
  private flowPaused = false;
  /** How often flow control paused the guest, for measurements. */
  flowPauses = 0;

  private emulator: V86Instance | null = null;
  private cleanState: ArrayBuffer | null = null;
  private pending = new Map<string, (reply: AgentReply) => void>();
  private terminals = new Set<TerminalLike>();
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  private lastSize: { cols: number; rows: number } | null = null;
  private stopListening: (() => void) | null = null;
  private promptWaiters = new Set<() => void>();
  private sizeChain: Promise<void> = Promise.resolve();
  /** When the guest last wrote to its console (performance.now()). */
  private lastConsoleAt = 0;

  /** From handing the state to v86 to the agent's first answer, for the benchmark. */
  lastRestoreMs: number | null = null;

  constructor(private readonly host: MachineHost) {
    this.monitor = new HealthMonitor({
      ...this.host.health,
      probe: async (timeoutMs) => {
        const result = await this.exec(DOCKER_PROBE_SCRIPT, { timeoutMs }).catch(() => null);
        return result && !result.timedOut && result.exitCode === 0 ? parseDockerProbe(result.stdout) : null;
      },
      ping: (timeoutMs) => this.ping(timeoutMs),
      // A panicked kernel spins forever: stop the emulator (after the last of the panic text is
      // out) so that it does not burn the CPU until the learner restarts.
      onFatal: () => {
        const emulator = this.emulator;
        setTimeout(() => {
          if (this.emulator === emulator) void emulator?.stop();
        }, 1_000);
      },
    });
    this.health = this.monitor.health;
  }

  /** Metadata a state saved from this machine carries. */
  get stateMeta(): Omit<StateMeta, "sha256" | "size"> {
    const m = this.host.manifest;
    return { diskSha256: m.disk.sha256, optionsHash: m.optionsHash, v86Version: m.v86Version, memoryMB: m.memoryMB };
  }

  /** The emulator, for measurements (instruction counter); not for UI code. */
  get v86(): V86Instance | null {
    return this.emulator;
  }

  async start(options: StartOptions = {}): Promise<void> {
    this.error.set(null);
    this.monitor.stop();
    this.health.set("ok");
    try {
      const agentAnswered = options.coldBoot ? (await this.coldBoot(), true) : await this.restore(options.state);
      this.status.set("ready");
      // After a quick resume the agent's first answer comes after "ready", and slowly (it runs cold):
      // the watch starts at once (a panic is seen), but says "frozen" only once the agent has answered.
      this.monitor.start({ awaitFirstReply: !agentAnswered });
    } catch (err) {
      this.error.set(err instanceof Error ? err.message : String(err));
      this.status.set("crashed");
      throw err;
    }
  }

  /** Resumes the saved or clean state; resolves with whether the agent has answered yet. */
  private async restore(saved?: StartOptions["state"]): Promise<boolean> {
    // Fetched alongside the state; null where the host has none (then the guest prints it).
    const welcome = this.host.loadWelcomeText?.().catch(() => null) ?? Promise.resolve(null);
    let state: ArrayBuffer;
    let emulatorLoaded: Promise<V86Instance>;
    /** The clean state's bytes are new (a download, or the offline cache) and not yet checked. */
    let unchecked = false;
    if (saved) {
      await assertStateRestorable(saved.data, saved.meta, this.stateMeta, { verified: saved.verified });
      state = saved.data;
      emulatorLoaded = this.createLoaded(false);
    } else {
      this.status.set("downloading");
      // The emulator (its wasm and BIOS) loads while the state downloads.
      emulatorLoaded = this.createLoaded(false);
      emulatorLoaded.catch(() => {}); // a failed download is the error to report
      if (this.cleanState) {
        state = this.cleanState;
      } else {
        state = await this.loadClean();
        unchecked = true;
      }
    }
    this.status.set("restoring");
    this.progress.set({ loaded: 0, total: 0, phase: "restoring" });
    const restoreStarted = performance.now();
    const emulator = await emulatorLoaded;
    const { sha256 } = this.host.manifest.state;
    let restoredAs: RestoredAs;
    try {
      restoredAs = await restoreInPlace(emulator, state);
    } catch (err) {
      if (unchecked) await assertChecksum(state, sha256); // damaged bytes: say so rather than how v86 failed on them
      throw err;
    }
    // The guest never runs from unchecked bytes. A zstd state restored in place has passed zstd's
    // own content checksum, which its decoder verifies: hashing 46 MB again cost 0.2 s of this
    // thread before the restore could start (docs/performance.md, session 14).
    if (unchecked && restoredAs !== "checksummed") await assertChecksum(state, sha256);
    if (unchecked) this.cleanState = state;
    this.host.onRestored?.(emulator);
    await emulator.run();
    // The terminal starts blank after a resume: it gets the welcome text and a fresh prompt.
    const text = await welcome;
    if (text === null) {
      this.status.set("starting-docker");
      // Once Docker answers, set the size (told while restoring, when the guest could not take it
      // yet) and print the welcome text, in one request: each agent round trip costs seconds while
      // the emulator is cold.
      await this.waitForDocker(60_000, `${this.sizeCommand()}cat /etc/motd > /dev/ttyS0`);
      this.lastRestoreMs = performance.now() - restoreStarted;
      this.sendInput("\r");
      return true;
    }
    // A state is saved from a running machine, normally with its shell at the prompt: the terminal
    // is live as soon as that shell prints a fresh one, ~5 s before the agent's first answer comes.
    // Setting the size and checking that Docker answers go on in the background; if the shell is busy
    // (a state saved mid-command), the agent's answer is what makes the machine ready.
    this.showText(text);
    const prompted = this.nextPrompt(60_000).then(() => "prompt" as const, () => "no prompt" as const);
    const settled = this.settleAfterResume();
    this.sendInput("\r");
    const first = await Promise.race([prompted, settled]);
    if (first instanceof Error) throw first;
    this.lastRestoreMs = performance.now() - restoreStarted;
    return first === "docker";
  }

  /**
   * After a quick resume: sets the terminal's size at once (a first `docker pull` draws its progress
   * bars to it), then, in the first lull, waits until Docker answers. Right after a resume every
   * program the agent starts runs cold (the emulator's compiled code is not in a state): with both
   * requests sent at once, the learner's first `docker ps` took 14.1 s instead of 12.9 s
   * (docs/performance.md).
   * Resolves with the failure instead of throwing; once the machine is ready, the failure is shown
   * as its error.
   */
  private async settleAfterResume(): Promise<"docker" | Error> {
    void this.applySize();
    await this.lull(this.host.settleLullMs ?? SETTLE_LULL_MS, SETTLE_LATEST_MS);
    try {
      await this.waitForDocker(60_000);
      return "docker";
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (this.status.get() === "ready") this.error.set(error.message);
      return error;
    }
  }

  /** Text shown in the terminals as if the guest had printed it (newlines as the tty would send them). */
  private showText(text: string): void {
    this.lastConsoleAt = performance.now();
    const lines = text.replace(/\r\n/g, "\n");
    const fitted = this.lastSize ? reflowText(lines, this.lastSize.cols) : lines;
    this.toTerminals(new TextEncoder().encode(fitted.replace(/\n/g, "\r\n")));
  }

  /**
   * Resolves once no command runs and the console has been silent for `quietMs` (the learner is
   * reading, not typing), or after `latestMs` whatever happens, or when the machine goes away.
   */
  private lull(quietMs: number, latestMs: number): Promise<void> {
    const emulator = this.emulator;
    const deadline = performance.now() + latestMs;
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        const silentFor = now - this.lastConsoleAt;
        if (this.emulator !== emulator || now >= deadline || (!this.busy.get() && silentFor >= quietMs)) resolve();
        else setTimeout(check, Math.min(deadline - now, Math.max(50, quietMs - silentFor)));
      };
      check();
    });
  }

  /** Resolves at the shell's next prompt (its OSC 133 mark); rejects after `timeoutMs`. */
  private nextPrompt(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.promptWaiters.delete(done);
        reject(new Error("The shell did not answer after the resume."));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.promptWaiters.delete(done);
        resolve();
      };
      this.promptWaiters.add(done);
    });
  }

  /** Downloads the clean state (or reads it from the offline cache) and checks all but its bytes (restore() does). */
  private async loadClean(): Promise<ArrayBuffer> {
    const m = this.host.manifest;
    const data = await this.host.loadCleanState((loaded, total) =>
      this.progress.set({ loaded, total: total || m.state.size, phase: "downloading", detail: m.state.file }),
    );
    const meta = { ...this.stateMeta, sha256: m.state.sha256, size: m.state.size };
    await assertStateRestorable(data, meta, this.stateMeta, { verified: true }); // all but the hash
    return data;
  }

  private async coldBoot(): Promise<void> {
    this.status.set("booting");
    this.progress.set({ loaded: 0, total: 0, phase: "booting" });
    const emulator = await this.createLoaded(true);
    await emulator.run();
    // The agent starts when init does; until then requests are lost, so ask again.
    const deadline = Date.now() + 600_000;
    for (;;) {
      const probe = await this.exec("true", { timeoutMs: 5_000 });
      if (!probe.timedOut) break;
      if (Date.now() > deadline) throw new Error("The guest did not start within 10 minutes.");
    }
    this.status.set("starting-docker");
    await this.waitForDocker(600_000);
    await this.applySize();
  }

  /** Waits until dockerd serves its API, then runs `andThen` (a shell command) in the same request. */
  private async waitForDocker(timeoutMs: number, andThen = ""): Promise<void> {
    const seconds = Math.ceil(timeoutMs / 1000);
    const then = andThen ? ` && { ${andThen}; }` : "";
    const result = await this.exec(`dbl-wait-docker ${seconds}${then}`, { timeoutMs: timeoutMs + 5_000 });
    if (result.exitCode !== 0) {
      throw new Error(`Docker did not start: ${(result.stderr || result.stdout).trim() || "no answer from the guest"}`);
    }
  }

  private async createLoaded(coldBoot: boolean): Promise<V86Instance> {
    await this.teardown();
    const emulator = this.host.createEmulator(coldBoot);
    this.emulator = emulator;
    await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
    tuneJit(emulator);
    this.listen(emulator);
    return emulator;
  }

  private listen(emulator: V86Instance): void {
    const replies = new ReplyParser((reply) => {
      this.monitor.noteAgentReply();
      const resolve = this.pending.get(reply.nonce);
      if (resolve) {
        this.pending.delete(reply.nonce);
        resolve(reply);
      }
    });
    const prompts = new SemanticPromptScanner((mark) => {
      const wasBusy = this.busy.get();
      this.busy.set(mark === "command-start");
      if (mark === "command-start") this.monitor.noteCommandStart();
      if (wasBusy && mark === "prompt") this.monitor.noteCommandDone();
      if (mark === "prompt") for (const waiter of [...this.promptWaiters]) waiter();
    });
    const onAgentByte = (byte: number) => replies.push(byte);
    // Console bytes are batched per task: one write per burst instead of one per byte.
    let batch: number[] = [];
    const flush = () => {
      const chunk = Uint8Array.from(batch);
      batch = [];
      this.lastConsoleAt = performance.now();
      this.toTerminals(chunk);
      this.monitor.noteConsole(chunk);
    };
    const onConsoleByte = (byte: number) => {
      prompts.push(byte);
      if (batch.length === 0) queueMicrotask(flush);
      batch.push(byte);
    };
    emulator.add_listener("serial1-output-byte", onAgentByte);
    emulator.add_listener("serial0-output-byte", onConsoleByte);
    const onHalt = () => this.monitor.noteHalt();
    emulator.add_listener("cpu-event-halt", onHalt);
    this.stopListening = () => {
      emulator.remove_listener("serial1-output-byte", onAgentByte);
      emulator.remove_listener("serial0-output-byte", onConsoleByte);
      emulator.remove_listener("cpu-event-halt", onHalt);
    };
  }

  private toTerminals(chunk: Uint8Array): void {
    this.backlog.push(chunk);
    this.backlogBytes += chunk.length;
    while (this.backlogBytes > CONSOLE_BACKLOG_BYTES && this.backlog.length > 1) {
      this.backlogBytes -= this.backlog.shift()!.length;
    }
    for (const term of this.terminals) {
      if (!term.flowControl) {
        term.write(chunk);
        continue;
      }
      this.unwritten += chunk.length;
      let done = false;
      term.write(chunk, () => {
        if (done) return;
        done = true;
        this.unwritten -= chunk.length;
        if (this.flowPaused && this.unwritten <= FLOW_LOW_BYTES) this.resumeFlow();
      });
    }
    if (!this.flowPaused && this.unwritten > FLOW_HIGH_BYTES) this.pauseFlow();
  }

  private pauseFlow(): void {
    const emulator = this.emulator;
    if (!emulator || !emulator.is_running()) return;
    this.flowPaused = true;
    this.flowPauses++;
    this.monitor.setPaused(true);
    void emulator.stop();
  }

  private resumeFlow(): void {
    this.flowPaused = false;
    this.monitor.setPaused(false);
    const emulator = this.emulator;
    const health = this.health.get();
    if (emulator && this.status.get() !== "destroyed" && !isStoppedForGood(health)) void emulator.run();
  }

  attachTerminal(term: TerminalLike): Disposable {
    this.terminals.add(term);
    for (const chunk of this.backlog) term.write(chunk, () => {});
    const offInput = term.onInput((data) => this.sendInput(data));
    const offResize = term.onResize((size) => this.tellSize(size));
    this.tellSize({ cols: term.cols, rows: term.rows });
    return {
      dispose: () => {
        offInput();
        offResize();
        this.terminals.delete(term);
        // Its unwritten bytes will never be acknowledged now: do not let them hold the guest.
        if (term.flowControl && this.terminals.size === 0) this.clearFlow();
      },
    };
  }

  private resizeTimer: ReturnType<typeof setTimeout> | null = null;

  /** The serial console has no window size of its own: set it on ttyS0 (which signals SIGWINCH). */
  private tellSize(size: { cols: number; rows: number }): void {
    this.lastSize = size;
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null;
      if (this.status.get() !== "ready" && this.status.get() !== "starting-docker") return;
      void this.applySize();
    }, 100);
  }

  /**
   * Sets the guest's terminal size, one request at a time, each with the size known when it is
   * sent. The agent's loop runs the one `stty` itself, where a script request starts some ten
   * processes: right after a resume, when every program runs cold, that cost the learner's first
   * command about a second (docs/performance.md).
   */
  private applySize(): Promise<void> {
    this.sizeChain = this.sizeChain.then(async () => {
      const size = this.lastSize;
      if (size) await this.loopRequest((nonce) => encodeWinsize(nonce, size), 10_000);
    });
    return this.sizeChain;
  }

  /** Sets ttyS0 to the terminal's last known size; empty before any terminal is attached. */
  private sizeCommand(): string {
    if (!this.lastSize) return "";
    const { cols, rows } = this.lastSize;
    return `stty -F /dev/ttyS0 rows ${rows | 0} cols ${cols | 0}; `;
  }

  sendInput(data: string): void {
    this.emulator?.serial_send_bytes(0, new TextEncoder().encode(data));
  }

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const emulator = this.emulator;
    if (!emulator) return Promise.reject(new Error("The machine is not running."));
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const nonce = newNonce();
    return new Promise<ExecResult>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        this.pending.delete(nonce);
      };
      const timer = setTimeout(() => {
        finish();
        resolve({ exitCode: -1, stdout: "", stderr: "", timedOut: true });
      }, timeoutMs);
      const onAbort = () => {
        finish();
        reject(options.signal?.reason ?? new DOMException("Aborted", "AbortError"));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(nonce, (reply) => {
        finish();
        const { exitCode, stdout, stdoutBytes, stderr } = reply;
        resolve({ exitCode, stdout, stdoutBytes, stderr, timedOut: false });
      });
      emulator.serial_send_bytes(1, encodeRequest(nonce, timeoutMs / 1000, script));
    });
  }

  /** True when the agent's loop answers a ping within `timeoutMs`: the guest's user space runs. */
  ping(timeoutMs: number): Promise<boolean> {
    return this.loopRequest(encodePing, timeoutMs);
  }

  /**
   * A request the agent's loop answers itself (agent-protocol.ts): true when it answered within
   * `timeoutMs` with exit code 0.
   */
  private loopRequest(encode: (nonce: string) => Uint8Array, timeoutMs: number): Promise<boolean> {
    const emulator = this.emulator;
    if (!emulator) return Promise.resolve(false);
    const nonce = newNonce();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(nonce);
        resolve(false);
      }, timeoutMs);
      this.pending.set(nonce, (reply) => {
        clearTimeout(timer);
        this.pending.delete(nonce);
        resolve(reply.exitCode === 0); // -1: the machine was stopped meanwhile
      });
      emulator.serial_send_bytes(1, encode(nonce));
    });
  }

  async save() {
    if (!this.emulator) throw new Error("The machine is not running.");
    const health = this.health.get();
    if (isStoppedForGood(health)) {
      throw new Error(`The machine has ${health === "panicked" ? "crashed (kernel panic)" : "halted"}; it is not saved.`);
    }
    return { data: await this.emulator.save_state(), meta: this.stateMeta };
  }

  async reset(): Promise<void> {
    this.backlog = [];
    this.backlogBytes = 0;
    await this.start();
  }

  /** Forget unwritten output and let a paused guest run (its terminals went away). */
  private clearFlow(): void {
    this.unwritten = 0;
    if (this.flowPaused) this.resumeFlow();
  }

  private async teardown(): Promise<void> {
    this.monitor.stop();
    this.unwritten = 0;
    this.flowPaused = false;
    this.monitor.setPaused(false);
    this.stopListening?.();
    this.stopListening = null;
    for (const [nonce, resolve] of this.pending) {
      resolve({ nonce, exitCode: -1, stdout: "", stdoutBytes: new Uint8Array(), stderr: "The machine was stopped." });
    }
    this.pending.clear();
    const old = this.emulator;
    this.emulator = null;
    if (old) await old.destroy();
  }

  async destroy(): Promise<void> {
    await this.teardown();
    this.terminals.clear();
    this.status.set("destroyed");
  }
}
