// Watches a running guest and says, in one word, whether it is well: the `health` observable of a
// Sandbox. Pure logic; the machine feeds it what it sees (console bytes, agent replies, the CPU's
// halt event, the prompt coming back) and gives it a probe to run through the agent and a ping.
//
//   panicked          "Kernel panic - not syncing" on the console, and the agent does not answer a
//                     ping (its own loop replies, not a script) within `panicConfirmMs`
//   halted            the CPU executed HLT with interrupts off (v86's "cpu-event-halt"): for good
//   frozen            a probe has had no answer for `frozenMs` of running time (may come back)
//   docker-restarting containerd or dockerd died and init is starting them again
//   ok                none of these
//
// The probe costs the guest a few processes (about 0.4 s of guest time), so it runs only when
// due: after a command of the learner's ends (in a lull: no command running and the console silent
// for `lullMs`, so it does not compete with a next command typed at once; and no sooner than
// `afterCommandGapMs` after the last probe, deferred rather than dropped), when neither the agent
// nor the console has shown a sign of life for `quietMs`, every `restartingPollMs` while Docker is
// restarting, and soon after the console shows the Docker CLI's "Cannot connect".

import { Store } from "./observable";
import { isStoppedForGood, type SandboxHealth } from "./sandbox";

/** What the probe found out about Docker; null when the agent did not answer in time. */
export type DockerProbe = "ok" | "containerd-down" | "dockerd-down" | "dockerd-starting";

/**
 * The probe script: one line naming the state of Docker's daemons. dockerd logs "Starting up",
 * then writes its pid file, and logs "API listen on" once it serves. A dockerd that init has just
 * started again has not logged yet (the log's last word is still the dead one's "API listen"), but
 * its pid is not yet the pid file's: so the pid file is checked before the log.
 */
export const DOCKER_PROBE_SCRIPT =
  "pidof containerd >/dev/null || { echo containerd-down; exit 0; }; " +
  "d=$(pidof dockerd) || { echo dockerd-down; exit 0; }; " +
  "read -r p < /run/docker.pid 2>/dev/null; [ \"$d\" = \"$p\" ] || { echo dockerd-starting; exit 0; }; " +
  "awk '/Starting up/{s=0} /API listen on/{s=1} END{print (s ? \"ok\" : \"dockerd-starting\")}' /var/log/dockerd.log 2>/dev/null || echo dockerd-starting";

export function parseDockerProbe(stdout: string): DockerProbe {
  const word = stdout.trim().split(/\s+/).pop();
  return word === "ok" || word === "containerd-down" || word === "dockerd-down" ? word : "dockerd-starting";
}

export interface HealthClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: HealthClock = {
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export interface HealthMonitorOptions {
  /** Runs DOCKER_PROBE_SCRIPT in the guest; resolves null if no answer within `timeoutMs`. */
  probe(timeoutMs: number): Promise<DockerProbe | null>;
  /**
   * Pings the agent's loop (not a script); resolves false if no answer within `timeoutMs`.
   * Any answer reaches the monitor through `noteAgentReply` as well.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** Called once when the machine is gone for good (panicked or halted): stop the emulator. */
  onFatal?(health: "panicked" | "halted"): void;
  clock?: HealthClock;
  /** How often the monitor looks at its timers. Default 250 ms, so a panic is called soon after `panicConfirmMs`. */
  tickMs?: number;
  /** No answer to a probe for this long (while the emulator runs): frozen. Default 15 s. */
  frozenMs?: number;
  /** Probe when nothing has shown a sign of life for this long. Default 20 s. */
  quietMs?: number;
  /**
   * Probe at most this often after commands end; a command's probe that comes sooner waits, so
   * the last command is always followed by one. Default 3 s: dockerd that init restarts serves
   * again 4-6 s after a kill, and a later probe would miss that it was ever gone.
   */
  afterCommandGapMs?: number;
  /**
   * After a command, the console must stay silent this long (no command running) before the probe.
   * Default 1 s: a command typed at once is not slowed, and a dockerd that init restarts within
   * seconds is still caught restarting (with 3 s, 1 of 9 such restarts was missed).
   */
  lullMs?: number;
  /** While Docker is restarting, probe this often. Default 2 s. */
  restartingPollMs?: number;
  /**
   * After the panic text, the agent must leave a ping unanswered this long to call it a panic.
   * Default 2 s: a live agent answers a ping well within it, even while the guest is busy and the
   * browser runs it slower than Node (docs/reliability.md, "How the machine's health is watched").
   */
  panicConfirmMs?: number;
}

const PANIC_TEXT = "Kernel panic - not syncing";
const DOCKER_DOWN_TEXT = "Cannot connect to the Docker daemon";

/** Finds a fixed ASCII text in a byte stream fed one byte at a time (KMP, no allocation). */
export class TextScanner {
  private readonly needle: Uint8Array;
  private readonly fail: Int32Array;
  private matched = 0;

  constructor(text: string) {
    this.needle = new TextEncoder().encode(text);
    this.fail = new Int32Array(this.needle.length);
    for (let i = 1, k = 0; i < this.needle.length; i++) {
      while (k > 0 && this.needle[i] !== this.needle[k]) k = this.fail[k - 1];
      if (this.needle[i] === this.needle[k]) k++;
      this.fail[i] = k;
    }
  }

  /** True when this byte completes the text. */
  push(byte: number): boolean {
    while (this.matched > 0 && byte !== this.needle[this.matched]) this.matched = this.fail[this.matched - 1];
    if (byte === this.needle[this.matched]) this.matched++;
    if (this.matched === this.needle.length) {
      this.matched = this.fail[this.matched - 1];
      return true;
    }
    return false;
  }

  reset(): void {
    this.matched = 0;
  }
}

export class HealthMonitor {
  readonly health = new Store<SandboxHealth>("ok");

  private readonly clock: HealthClock;
  private readonly tickMs: number;
  private readonly frozenMs: number;
  private readonly quietMs: number;
  private readonly afterCommandGapMs: number;
  private readonly lullMs: number;
  private readonly restartingPollMs: number;
  private readonly panicConfirmMs: number;
  private readonly panicScanner = new TextScanner(PANIC_TEXT);
  private readonly dockerDownScanner = new TextScanner(DOCKER_DOWN_TEXT);

  private timer: unknown = null;
  private running = false;
  // Running time: the clock minus the time the emulator was paused (a paused guest cannot answer).
  private pausedAt: number | null = null;
  private pausedTotal = 0;
  private lastSign = 0;
  private lastConsole = 0;
  private commandRunning = false;
  private probeAfterLull = false;
  private lastProbeEnd = -Infinity;
  private probeSentAt: number | null = null;
  private probeGeneration = 0;
  private probeWanted = false;
  private docker: DockerProbe = "ok";
  private panicSuspectedAt: number | null = null;
  private agentAnswered = true;

  constructor(private readonly options: HealthMonitorOptions) {
    this.clock = options.clock ?? realClock;
    this.tickMs = options.tickMs ?? 250;
    this.frozenMs = options.frozenMs ?? 15_000;
    this.quietMs = options.quietMs ?? 20_000;
    this.afterCommandGapMs = options.afterCommandGapMs ?? 3_000;
    this.lullMs = options.lullMs ?? 1_000;
    this.restartingPollMs = options.restartingPollMs ?? 2_000;
    this.panicConfirmMs = options.panicConfirmMs ?? 2_000;
  }

  /**
   * Begin watching a machine that is ready (health "ok"). `awaitFirstReply`: the agent has not
   * answered since a resume (its first answer is slow, every program running cold), so no answer
   * means "frozen" only once it has answered once.
   */
  start({ awaitFirstReply = false }: { awaitFirstReply?: boolean } = {}): void {
    this.stop();
    this.running = true;
    this.agentAnswered = !awaitFirstReply;
    this.health.set("ok");
    this.pausedAt = null;
    this.pausedTotal = 0;
    this.lastSign = this.active();
    this.lastProbeEnd = -Infinity;
    this.docker = "ok";
    this.panicSuspectedAt = null;
    this.probeWanted = false;
    this.lastConsole = this.lastSign;
    this.commandRunning = false;
    this.probeAfterLull = false;
    this.panicScanner.reset();
    this.dockerDownScanner.reset();
    this.timer = this.clock.setInterval(() => this.tick(), this.tickMs);
  }

  /** Stop watching (the machine is being replaced or destroyed); health is left as it was. */
  stop(): void {
    this.running = false;
    this.probeGeneration++;
    this.probeSentAt = null;
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
  }

  /** The emulator was paused (true) or resumed (false), e.g. by output flow control. */
  setPaused(paused: boolean): void {
    const now = this.clock.now();
    if (paused && this.pausedAt === null) this.pausedAt = now;
    else if (!paused && this.pausedAt !== null) {
      this.pausedTotal += now - this.pausedAt;
      this.pausedAt = null;
    }
  }

  /** Bytes the guest wrote to its console. */
  noteConsole(chunk: Uint8Array): void {
    if (!this.running) return;
    this.lastSign = this.lastConsole = this.active();
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.panicScanner.push(byte) && this.panicSuspectedAt === null && this.isAlive()) {
        this.panicSuspectedAt = this.active();
        void this.options.ping(this.panicConfirmMs * 4).catch(() => false);
      }
      if (this.dockerDownScanner.push(byte)) this.probeWanted = true;
    }
    if (this.probeWanted) this.maybeProbe();
  }

  /** Any reply from the agent: the guest's user space is alive. */
  noteAgentReply(): void {
    if (!this.running) return;
    this.lastSign = this.active();
    this.agentAnswered = true;
    if (this.panicSuspectedAt !== null) this.panicSuspectedAt = null; // someone printed the text
    if (this.health.get() === "frozen") this.settle();
  }

  /** v86's "cpu-event-halt": HLT with interrupts off. Nothing wakes such a CPU. */
  noteHalt(): void {
    if (!this.running || !this.isAlive()) return;
    this.fatal("halted");
  }

  /** The learner's command started (Enter at the prompt). */
  noteCommandStart(): void {
    this.commandRunning = true;
  }

  /** The learner's command ended (the prompt came back): probe in the next lull. */
  noteCommandDone(): void {
    this.commandRunning = false;
    if (!this.running) return;
    this.lastConsole = this.active(); // the prompt itself: the lull starts now
    this.probeAfterLull = true;
  }

  private isAlive(): boolean {
    return !isStoppedForGood(this.health.get());
  }

  private active(): number {
    const now = this.clock.now();
    return now - this.pausedTotal - (this.pausedAt !== null ? now - this.pausedAt : 0);
  }

  private tick(): void {
    if (!this.running || !this.isAlive() || this.pausedAt !== null) return;
    const now = this.active();
    if (this.panicSuspectedAt !== null && now - this.panicSuspectedAt >= this.panicConfirmMs) {
      this.fatal("panicked");
      return;
    }
    if (this.agentAnswered && this.probeSentAt !== null && now - this.probeSentAt >= this.frozenMs && now - this.lastSign >= this.frozenMs) {
      this.health.set("frozen");
    }
    if (now - this.lastSign >= this.quietMs) this.probeWanted = true;
    const lull = !this.commandRunning && now - this.lastConsole >= this.lullMs;
    if (this.probeAfterLull && lull && now - this.lastProbeEnd >= this.afterCommandGapMs) {
      this.probeAfterLull = false;
      this.probeWanted = true;
    }
    if (this.docker !== "ok" && now - this.lastProbeEnd >= this.restartingPollMs) this.probeWanted = true;
    this.maybeProbe();
  }

  private maybeProbe(): void {
    if (!this.running || !this.isAlive() || !this.probeWanted || this.probeSentAt !== null) return;
    this.probeWanted = false;
    const generation = this.probeGeneration;
    this.probeSentAt = this.active();
    // Wait long for the answer: a late answer still ends "frozen".
    this.options.probe(Math.max(this.frozenMs * 8, 60_000)).then(
      (result) => this.onProbe(generation, result),
      () => this.onProbe(generation, null),
    );
  }

  private onProbe(generation: number, result: DockerProbe | null): void {
    if (generation !== this.probeGeneration) return;
    this.probeSentAt = null;
    this.lastProbeEnd = this.active();
    if (result === null) return; // no answer: the tick decides about "frozen"; probe again when due
    this.agentAnswered = true;
    this.lastSign = this.lastProbeEnd;
    this.panicSuspectedAt = null;
    this.docker = result;
    this.settle();
  }

  /** Health from the last probe, when nothing fatal happened. */
  private settle(): void {
    if (!this.isAlive()) return;
    this.health.set(this.docker === "ok" ? "ok" : "docker-restarting");
  }

  private fatal(health: "panicked" | "halted"): void {
    this.health.set(health);
    this.stop();
    this.options.onFatal?.(health);
  }
}
