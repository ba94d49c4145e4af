// The Sandbox implementation on top of one v86 instance, and the machine's lifecycle: creating the
// emulator, restoring a state or booting cold, becoming ready, and tearing down. It runs wherever
// v86 runs: in a Web Worker for the site, in Node for the tests, the benchmark and the build's
// snapshot step. The rest is delegated: the agent's requests (agent-channel.ts), the console's
// terminals (console-fanout.ts, flow-control.ts), the shell's prompt (shell-activity.ts), the
// terminal's size (console-size.ts) and the machine's health (health.ts).

import { AgentChannel } from "./agent-channel";
import { ConsoleFanout } from "./console-fanout";
import { ConsoleSize } from "./console-size";
import { FlowControl } from "./flow-control";
import { statePartsOf, type GuestManifest } from "./guest-manifest";
import { DOCKER_PROBE_SCRIPT, HealthMonitor, parseDockerProbe, type HealthMonitorOptions } from "./health";
import { Store } from "./observable";
import {
  isStoppedForGood,
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
import { ShellActivity } from "./shell-activity";
import { assertCleanStateChecksum, assertStateRestorable, type StateMeta } from "./state-check";
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

/**
 * Output flow control: console bytes handed to flow-controlled terminals and not yet written.
 * Above HIGH the emulator is stopped (the guest itself waits); below LOW it runs again.
 */
export const FLOW_HIGH_BYTES = 128 * 1024;
export const FLOW_LOW_BYTES = 32 * 1024;
/** After a quick resume, the Docker check waits for this much silence at the prompt (a learner reading)... */
const SETTLE_LULL_MS = 3_000;
/** ...but no longer than this after the resume. */
const SETTLE_LATEST_MS = 30_000;

export class GuestMachine implements Sandbox {
  readonly status = new Store<SandboxStatus>("idle");
  readonly progress = new Store<SandboxProgress>({ loaded: 0, total: 0, phase: "idle" });
  readonly error = new Store<string | null>(null);
  readonly busy: Store<boolean>;
  readonly health: Store<SandboxHealth>;

  private readonly monitor: HealthMonitor;
  private readonly agent: AgentChannel;
  private readonly console = new ConsoleFanout();
  private readonly flow: FlowControl;
  private readonly shell: ShellActivity;
  private readonly size: ConsoleSize;

  private emulator: V86Instance | null = null;
  private cleanState: ArrayBuffer | null = null;
  private stopListening: (() => void) | null = null;

  /** From handing the state to v86 to the agent's first answer, for the benchmark. */
  lastRestoreMs: number | null = null;

  constructor(private readonly host: MachineHost) {
    this.monitor = new HealthMonitor({
      ...this.host.health,
      probe: async (timeoutMs) => {
        const result = await this.exec(DOCKER_PROBE_SCRIPT, { timeoutMs }).catch(() => null);
        return result && !result.timedOut && result.exitCode === 0 ? parseDockerProbe(result.stdout) : null;
      },
      ping: (timeoutMs) => this.agent.ping(timeoutMs),
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
    this.agent = new AgentChannel(() => this.monitor.noteAgentReply());
    this.shell = new ShellActivity({
      onCommandStart: () => this.monitor.noteCommandStart(),
      onCommandDone: () => this.monitor.noteCommandDone(),
    });
    this.busy = this.shell.busy;
    this.flow = new FlowControl({ high: FLOW_HIGH_BYTES, low: FLOW_LOW_BYTES }, {
      pause: () => this.pauseForFlow(),
      resume: () => this.resumeAfterFlow(),
    });
    this.size = new ConsoleSize(
      (size) => this.agent.setWinsize(size, 10_000),
      () => this.status.get() === "ready" || this.status.get() === "starting-docker",
    );
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

  /** How often flow control paused the guest, for measurements. */
  get flowPauses(): number {
    return this.flow.pauses;
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
    const parts = statePartsOf(this.host.manifest);
    const { sha256 } = this.host.manifest.state;
    let restoredAs: RestoredAs;
    try {
      restoredAs = await restoreInPlace(emulator, state);
    } catch (err) {
      if (unchecked) await assertCleanStateChecksum(state, parts, sha256); // damaged bytes: say so rather than how v86 failed on them
      throw err;
    }
    // The guest never runs from unchecked bytes. A zstd state restored in place has passed zstd's
    // own content checksum, which its decoder verifies, so it is not hashed a second time.
    if (unchecked && restoredAs !== "checksummed") await assertCleanStateChecksum(state, parts, sha256);
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
      await this.waitForDocker(60_000, `${this.size.sttyCommand()}cat /etc/motd > /dev/ttyS0`);
      this.lastRestoreMs = performance.now() - restoreStarted;
      this.sendInput("\r");
      return true;
    }
    // A state is saved from a running machine, normally with its shell at the prompt: the terminal
    // is live as soon as that shell prints a fresh one, seconds before the agent's first answer.
    // Setting the size and checking that Docker answers go on in the background; if the shell is busy
    // (a state saved mid-command), the agent's answer is what makes the machine ready.
    this.showText(text);
    const prompted = this.shell.nextPrompt(60_000).then(() => "prompt" as const, () => "no prompt" as const);
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
   * program the agent starts runs cold, and a request sent at once slows the learner's first
   * command (docs/performance.md).
   * Resolves with the failure instead of throwing; once the machine is ready, the failure is shown
   * as its error.
   */
  private async settleAfterResume(): Promise<"docker" | Error> {
    void this.size.apply();
    const emulator = this.emulator;
    await this.shell.lull(this.host.settleLullMs ?? SETTLE_LULL_MS, SETTLE_LATEST_MS, () => this.emulator !== emulator);
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
    const lines = text.replace(/\r\n/g, "\n");
    const size = this.size.last;
    const fitted = size ? reflowText(lines, size.cols) : lines;
    this.toTerminals(new TextEncoder().encode(fitted.replace(/\n/g, "\r\n")));
  }

  /** Downloads the clean state (or reads it from the offline cache) and checks all but its bytes (restore() does). */
  private async loadClean(): Promise<ArrayBuffer> {
    const m = this.host.manifest;
    const data = await this.host.loadCleanState((loaded, total) =>
      this.progress.set({ loaded, total: total || m.state.size, phase: "downloading", detail: "the saved machine" }),
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
    await this.size.apply();
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
    this.agent.connect((bytes) => emulator.serial_send_bytes(1, bytes));
    await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
    tuneJit(emulator);
    this.listen(emulator);
    return emulator;
  }

  /** Connects the emulator's serial ports and halt event to the parts that read them. */
  private listen(emulator: V86Instance): void {
    const prompts = new SemanticPromptScanner((mark) => this.shell.mark(mark));
    const onAgentByte = (byte: number) => this.agent.push(byte);
    // Console bytes are batched per task: one write per burst instead of one per byte.
    let batch: number[] = [];
    const flush = () => {
      const chunk = Uint8Array.from(batch);
      batch = [];
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
    this.shell.noteOutput();
    this.console.write(chunk, this.checkFlow);
    this.checkFlow();
  }

  private readonly checkFlow = () => this.flow.update(this.console.unwrittenBytes);

  private pauseForFlow(): boolean {
    const emulator = this.emulator;
    if (!emulator || !emulator.is_running()) return false;
    this.monitor.setPaused(true);
    void emulator.stop();
    return true;
  }

  private resumeAfterFlow(): void {
    this.monitor.setPaused(false);
    const emulator = this.emulator;
    if (emulator && this.status.get() !== "destroyed" && !isStoppedForGood(this.health.get())) void emulator.run();
  }

  attachTerminal(term: TerminalLike): () => void {
    const detach = this.console.attach(term);
    const offInput = term.onInput((data) => this.sendInput(data));
    const offResize = term.onResize((size) => this.size.tell(size));
    this.size.tell({ cols: term.cols, rows: term.rows });
    return () => {
      offInput();
      offResize();
      detach();
    };
  }

  sendInput(data: string): void {
    this.emulator?.serial_send_bytes(0, new TextEncoder().encode(data));
  }

  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    return this.agent.exec(script, options);
  }

  /** True when the agent's loop answers a ping within `timeoutMs`: the guest's user space runs. */
  ping(timeoutMs: number): Promise<boolean> {
    return this.agent.ping(timeoutMs);
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
    this.console.clearBacklog();
    await this.start();
  }

  private async teardown(): Promise<void> {
    this.monitor.stop();
    this.console.forgetUnwritten();
    this.flow.reset();
    this.monitor.setPaused(false);
    this.stopListening?.();
    this.stopListening = null;
    this.agent.disconnect();
    const old = this.emulator;
    this.emulator = null;
    if (old) await old.destroy();
  }

  async destroy(): Promise<void> {
    await this.teardown();
    this.size.cancel();
    this.console.detachAll();
    this.status.set("destroyed");
  }
}
