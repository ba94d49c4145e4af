// GuestMachine against a fake v86: output flow control and the health wiring, without Linux.
import assert from "node:assert/strict";
import { test } from "node:test";
import { FLOW_HIGH_BYTES, FLOW_LOW_BYTES, GuestMachine, type V86Instance } from "./guest-machine";
import type { GuestManifest } from "./guest-manifest";
import { STATE_MAGIC_V86 } from "./guest-manifest";
import { sha256Hex } from "./state-check";
import type { TerminalLike } from "./sandbox";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Enough of v86 for GuestMachine: events, run/stop, and an agent on serial 1 answering scripts. */
class FakeV86 implements V86Instance {
  private listeners = new Map<string, Set<(v: any) => void>>();
  running = false;
  stops = 0;
  runs = 0;
  agentAnswers = true;
  constructor(private readonly agent: (script: string) => { code: number; stdout: string }) {
    setImmediate(() => this.emit("emulator-loaded", undefined));
  }
  emit(event: string, value: unknown) {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(value);
  }
  add_listener(event: string, l: (v: any) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(l);
  }
  remove_listener(event: string, l: (v: any) => void) {
    this.listeners.get(event)?.delete(l);
  }
  run() {
    this.running = true;
    this.runs++;
  }
  stop() {
    this.running = false;
    this.stops++;
  }
  async destroy() {
    this.running = false;
  }
  async restore_state() {}
  async save_state() {
    return new ArrayBuffer(8);
  }
  serial_send_bytes(port: number, data: Uint8Array) {
    if (port !== 1 || !this.agentAnswers) return;
    const [nonce, timeout, b64] = decoder.decode(data).trim().split(" ");
    // A ping or winsize is answered by the agent's loop itself, with an empty reply.
    const loop = timeout === "ping" || timeout === "winsize";
    const { code, stdout } = loop ? { code: 0, stdout: "" } : this.agent(decoder.decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
    const line = `@@DBL-REPLY ${nonce} ${code} ${btoa(stdout)} \n`;
    setImmediate(() => {
      for (const byte of encoder.encode(line)) this.emit("serial1-output-byte", byte);
    });
  }
  /** The guest writes to its console. */
  console(bytes: Uint8Array) {
    for (const byte of bytes) this.emit("serial0-output-byte", byte);
  }
  get_instruction_counter() {
    return 0;
  }
  is_running() {
    return this.running;
  }
}

type Agent = (script: string) => { code: number; stdout: string };

/** A GuestMachine on a fake v86 (FakeV86, or a subclass that plays more of the guest). */
async function machineWithFake(
  agent: Agent = () => ({ code: 0, stdout: "ok\n" }),
  {
    Emulator = FakeV86,
    loadWelcomeText,
    settleLullMs,
    damageDownload = false,
  }: { Emulator?: new (agent: Agent) => FakeV86; loadWelcomeText?: () => Promise<string>; settleLullMs?: number; damageDownload?: boolean } = {},
) {
  // Date.now and the timers are what node:test's mock timers move.
  const clock = { now: () => Date.now(), setInterval: (fn: () => void, ms: number) => setInterval(fn, ms), clearInterval: (h: unknown) => clearInterval(h as any) };
  const state = new ArrayBuffer(16);
  new DataView(state).setUint32(0, STATE_MAGIC_V86, true);
  const sha256 = await sha256Hex(state);
  const manifest = {
    disk: { sha256: "d".repeat(64) },
    optionsHash: "o",
    v86Version: "0.5.462",
    memoryMB: 256,
    state: { file: "state.zst", size: 16, sha256 },
  } as unknown as GuestManifest;
  let fake!: FakeV86;
  const machine = new GuestMachine({
    manifest,
    createEmulator: () => (fake = new Emulator(agent)),
    loadCleanState: async () => {
      const copy = state.slice(0);
      if (damageDownload) new Uint8Array(copy)[8] ^= 1; // same size and magic, other bytes
      return copy;
    },
    loadWelcomeText,
    settleLullMs,
    health: { clock },
  });
  return { machine, fake: () => fake };
}

/** A terminal that acknowledges writes only when told to. */
function slowTerminal() {
  const waiting: Array<{ bytes: number; written?: () => void }> = [];
  const term: TerminalLike = {
    flowControl: true,
    cols: 80,
    rows: 24,
    write: (data, written) => void waiting.push({ bytes: data.length, written }),
    onInput: () => () => {},
    onResize: () => () => {},
  };
  return {
    term,
    get unwritten() {
      return waiting.reduce((n, w) => n + w.bytes, 0);
    },
    /** Writes (acknowledges) the oldest chunks until at most `leave` bytes are unwritten. */
    drainTo(leave: number) {
      while (waiting.length > 0 && this.unwritten > leave) waiting.shift()!.written?.();
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

test("a flood pauses the emulator above the high mark and runs it again below the low mark", async () => {
  const { machine, fake } = await machineWithFake();
  await machine.start();
  const slow = slowTerminal();
  machine.attachTerminal(slow.term);
  slow.drainTo(0);
  const chunk = new Uint8Array(8 * 1024).fill(0x79);
  let pushed = 0;
  while (fake().running && pushed < 4 * FLOW_HIGH_BYTES) {
    fake().console(chunk);
    pushed += chunk.length;
    await Promise.resolve(); // the machine batches console bytes per microtask
  }
  assert.equal(fake().running, false, "paused");
  assert.ok(slow.unwritten > FLOW_HIGH_BYTES && slow.unwritten <= FLOW_HIGH_BYTES + chunk.length, `unwritten ${slow.unwritten}`);
  slow.drainTo(FLOW_LOW_BYTES + chunk.length);
  assert.equal(fake().running, false, "still paused above the low mark");
  slow.drainTo(FLOW_LOW_BYTES);
  assert.equal(fake().running, true, "runs again");
  assert.equal(machine.flowPauses, 1);
  await machine.destroy();
});

test("terminals without flow control never pause the guest; detaching the slow one releases it", async () => {
  const { machine, fake } = await machineWithFake();
  await machine.start();
  const slow = slowTerminal();
  const detach = machine.attachTerminal(slow.term);
  for (let i = 0; i < 40; i++) {
    fake().console(new Uint8Array(8 * 1024));
    await Promise.resolve();
  }
  assert.equal(fake().running, false);
  detach();
  assert.equal(fake().running, true, "nothing holds the guest once its terminal is gone");
  await machine.destroy();
});

test("a kernel panic on the console with a silent agent: panicked, not saved, emulator stopped", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval", "setTimeout", "Date"] });
  const { machine, fake } = await machineWithFake();
  const starting = machine.start();
  // start() waits on the agent (setImmediate is not mocked) and on no timer.
  await starting;
  assert.equal(machine.health.get(), "ok");
  fake().agentAnswers = false;
  fake().console(encoder.encode("[  167.2] Kernel panic - not syncing: sysrq triggered crash\r\n"));
  await Promise.resolve();
  for (let i = 0; i < 8; i++) t.mock.timers.tick(250);
  assert.equal(machine.health.get(), "panicked", "2 s without an answer to the ping");
  await assert.rejects(machine.save(), /not saved/);
  t.mock.timers.tick(1_000);
  assert.equal(fake().running, false, "the spinning CPU is stopped");
  await machine.destroy();
});

test("v86's cpu-event-halt is a halted machine; start() again is ok", async () => {
  const { machine, fake } = await machineWithFake();
  await machine.start();
  fake().emit("cpu-event-halt", undefined);
  assert.equal(machine.health.get(), "halted");
  await machine.start();
  assert.equal(machine.health.get(), "ok");
  await machine.destroy();
});

test("after a command, a probe that finds dockerd down shows docker-restarting", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval", "setTimeout", "Date"] });
  let docker = "dockerd-down";
  const { machine, fake } = await machineWithFake((script) => ({ code: 0, stdout: script.includes("pidof") ? docker + "\n" : "" }));
  await machine.start();
  const ESC = "\x1b]133;";
  fake().console(encoder.encode(`${ESC}C\x07kill -9 ...\r\n${ESC}A\x07root@lab:~# `));
  await flush();
  assert.equal(machine.health.get(), "ok", "the probe waits for a lull at the prompt");
  for (let i = 0; i < 3; i++) t.mock.timers.tick(1_000);
  await flush();
  await flush();
  assert.equal(machine.health.get(), "docker-restarting");
  docker = "ok";
  fake().console(encoder.encode(`${ESC}C\x07docker ps\r\nCannot connect to the Docker daemon\r\n${ESC}A\x07`));
  await flush();
  await flush();
  // The last probe was under 5 s ago: the monitor's own 2 s poll clears it (not waited for here);
  // the "Cannot connect" text asks for a probe at once.
  assert.equal(machine.health.get(), "ok");
  await machine.destroy();
});

test("the panic text printed by a program: the agent answers the ping, the machine stays well", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval", "setTimeout", "Date"] });
  const { machine, fake } = await machineWithFake();
  await machine.start();
  fake().console(encoder.encode("$ cat notes.txt\r\nKernel panic - not syncing: an example\r\n"));
  // The console is read in a microtask, which sends the ping; its answer comes in a later task.
  await flush();
  await flush();
  for (let i = 0; i < 40; i++) t.mock.timers.tick(250);
  assert.equal(machine.health.get(), "ok");
  assert.equal(fake().running, true);
  await machine.destroy();
});

/** A restored guest whose shell answers Enter with a fresh prompt and whose cold agent has not answered yet. */
class ShellV86 extends FakeV86 {
  /** What was asked of the agent: each script, or the loop's own request ("winsize 40 120"). */
  requested: string[] = [];
  serial_send_bytes(port: number, data: Uint8Array) {
    // The restored shell answers Enter with a fresh prompt (bash's OSC 133 mark first).
    if (port === 0 && decoder.decode(data) === "\r") setImmediate(() => this.console(encoder.encode("\r\n\x1b]133;A\x07root@lab:~# ")));
    // The cold agent takes its requests (pings are not recorded) but does not answer.
    if (port !== 1) return;
    const [, kind, ...rest] = decoder.decode(data).trim().split(" ");
    if (kind === "winsize") this.requested.push(`winsize ${rest.join(" ")}`);
    else if (kind !== "ping") this.requested.push(decoder.decode(Uint8Array.from(atob(rest[0]), (c) => c.charCodeAt(0))));
  }
}

test("a quick resume is ready at the shell's prompt, shows the welcome text, and checks Docker afterwards", async () => {
  const { machine, fake } = await machineWithFake(undefined, { Emulator: ShellV86, loadWelcomeText: async () => "\nWelcome to the lab\n", settleLullMs: 200 });
  let screen = "";
  machine.attachTerminal({ write: (d) => (screen += typeof d === "string" ? d : decoder.decode(d)), onInput: () => () => {}, onResize: () => () => {}, cols: 120, rows: 40 } as TerminalLike);
  await machine.start();
  const requested = (fake() as ShellV86).requested;
  assert.equal(machine.status.get(), "ready");
  assert.match(screen, /\r\nWelcome to the lab\r\n[\s\S]*root@lab:~# $/);
  // The terminal's size goes to the agent at once; the check that Docker answers waits for a lull
  // (the prompt silent for settleLullMs): a cold request would slow the learner's first command.
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(requested, ["winsize 40 120"]);
  await new Promise((r) => setTimeout(r, 250));
  assert.equal(requested.length, 2, requested.join(" | "));
  assert.match(requested[1], /^dbl-wait-docker /, "to an agent that has not answered yet");
  assert.equal(machine.error.get(), null);
  await machine.destroy();
});

test("the welcome text is wrapped at spaces to a narrow terminal, not cut mid-word", async () => {
  const welcome = "\nWelcome to Docker Browser Lab: a real Debian machine with the real Docker Engine,\nrunning inside your browser tab.\n";
  const { machine } = await machineWithFake(undefined, { Emulator: ShellV86, loadWelcomeText: async () => welcome, settleLullMs: 200 });
  let screen = "";
  machine.attachTerminal({ write: (d) => (screen += typeof d === "string" ? d : decoder.decode(d)), onInput: () => () => {}, onResize: () => () => {}, cols: 40, rows: 20 } as TerminalLike);
  await machine.start();
  assert.match(screen, /\r\nWelcome to Docker Browser Lab: a real\r\nDebian machine with the real Docker\r\nEngine,\r\nrunning inside your browser tab\.\r\n/);
  await machine.destroy();
});

test("a panic right after a quick resume is detected, though the cold agent has never answered", async (t) => {
  t.mock.timers.enable({ apis: ["setInterval", "setTimeout", "Date"] });
  const { machine, fake } = await machineWithFake(undefined, { Emulator: ShellV86, loadWelcomeText: async () => "Welcome\n" });
  await machine.start();
  assert.equal(machine.status.get(), "ready");
  fake().console(encoder.encode("[  12.1] Kernel panic - not syncing: sysrq triggered crash\r\n"));
  await flush();
  for (let i = 0; i < 8; i++) t.mock.timers.tick(250);
  assert.equal(machine.health.get(), "panicked");
  await machine.destroy();
});

test("a damaged download of the clean state is refused for its checksum, and the guest never runs", async () => {
  const { machine, fake } = await machineWithFake(undefined, { damageDownload: true });
  await assert.rejects(machine.start(), /its checksum does not match/);
  assert.equal(fake().runs, 0);
  assert.equal(machine.status.get(), "crashed");
  assert.match(machine.error.get() ?? "", /damaged/);
});
