import assert from "node:assert/strict";
import { test } from "node:test";
import { HealthMonitor, parseDockerProbe, TextScanner, type DockerProbe, type HealthClock } from "./health";

/** A manual clock: `advance(ms)` runs the interval callbacks that fall due. */
function manualClock() {
  let now = 0;
  const intervals = new Map<number, { fn: () => void; ms: number; next: number }>();
  let id = 0;
  const clock: HealthClock = {
    now: () => now,
    setInterval: (fn, ms) => (intervals.set(++id, { fn, ms, next: now + ms }), id),
    clearInterval: (h) => void intervals.delete(h as number),
  };
  return {
    clock,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...intervals.values()].filter((i) => i.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
        await new Promise((r) => setImmediate(r)); // let probe promises settle
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** A probe the test answers by hand; `calls` counts them. */
function manualProbe() {
  const waiting: Array<(r: DockerProbe | null) => void> = [];
  let calls = 0;
  return {
    probe: () => {
      calls++;
      return new Promise<DockerProbe | null>((resolve) => waiting.push(resolve));
    },
    get calls() {
      return calls;
    },
    get pending() {
      return waiting.length;
    },
    /** Answers the oldest probe and lets the monitor see the answer. */
    async answer(result: DockerProbe | null) {
      const next = waiting.shift();
      assert.ok(next, "no probe is waiting");
      next(result);
      await new Promise((r) => setImmediate(r));
    },
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

function setup(extra: Partial<ConstructorParameters<typeof HealthMonitor>[0]> = {}) {
  const c = manualClock();
  const p = manualProbe();
  const fatal: string[] = [];
  const pings: number[] = [];
  const monitor = new HealthMonitor({ probe: p.probe, ping: async (ms) => (pings.push(ms), false), clock: c.clock, onFatal: (h) => fatal.push(h), ...extra });
  const seen: string[] = [];
  monitor.health.subscribe((h) => seen.push(h));
  monitor.start();
  return { monitor, clock: c, probe: p, fatal, seen, pings };
}

test("TextScanner finds text split across chunks and after a false start", () => {
  const s = new TextScanner("abab c");
  const hits = [..."xxababab c abab c"].map((ch) => s.push(ch.charCodeAt(0))).filter(Boolean).length;
  assert.equal(hits, 2);
});

test("parseDockerProbe reads the last word, unknown means starting", () => {
  assert.equal(parseDockerProbe("ok\n"), "ok");
  assert.equal(parseDockerProbe("dockerd-down\n"), "dockerd-down");
  assert.equal(parseDockerProbe("containerd-down"), "containerd-down");
  assert.equal(parseDockerProbe(""), "dockerd-starting");
});

test("a quiet machine is probed once per quiet period, and only then", async () => {
  const { clock, probe, monitor } = setup();
  await clock.advance(19_000);
  assert.equal(probe.calls, 0);
  await clock.advance(1_000);
  assert.equal(probe.calls, 1);
  await probe.answer("ok");
  await clock.advance(19_000);
  assert.equal(probe.calls, 1);
  // Console output is a sign of life: it postpones the next probe.
  monitor.noteConsole(bytes("hello\r\n"));
  await clock.advance(19_000);
  assert.equal(probe.calls, 1);
  assert.equal(monitor.health.get(), "ok");
});

test("no answer for 15 s of running time is frozen; a late answer ends it", async () => {
  const { clock, probe, monitor, seen } = setup();
  await clock.advance(20_000);
  assert.equal(probe.pending, 1);
  await clock.advance(14_000);
  assert.equal(monitor.health.get(), "ok");
  await clock.advance(1_000);
  assert.equal(monitor.health.get(), "frozen");
  await probe.answer("ok");
  await clock.advance(1);
  assert.equal(monitor.health.get(), "ok");
  assert.deepEqual(seen, ["frozen", "ok"]);
});

test("right after a resume, a cold agent's silence is not frozen until it has answered once", async () => {
  const { clock, probe, monitor } = setup();
  monitor.start({ awaitFirstReply: true });
  await clock.advance(20_000);
  assert.equal(probe.pending, 1);
  await clock.advance(40_000);
  assert.equal(monitor.health.get(), "ok", "still waiting for the agent's first answer");
  await probe.answer("ok");
  await clock.advance(20_000);
  assert.equal(probe.pending, 1);
  await clock.advance(15_000);
  assert.equal(monitor.health.get(), "frozen", "after one answer, silence counts");
});

test("right after a resume, a panic is seen before the agent has ever answered", async () => {
  const { clock, monitor, fatal } = setup();
  monitor.start({ awaitFirstReply: true });
  monitor.noteConsole(bytes("Kernel panic - not syncing: sysrq triggered crash\r\n"));
  await clock.advance(6_000);
  assert.equal(monitor.health.get(), "panicked");
  assert.deepEqual(fatal, ["panicked"]);
});

test("time while the emulator is paused (flow control) does not count toward frozen", async () => {
  const { clock, probe, monitor } = setup();
  await clock.advance(20_000);
  assert.equal(probe.pending, 1);
  monitor.setPaused(true);
  await clock.advance(60_000);
  monitor.setPaused(false);
  await clock.advance(10_000);
  assert.equal(monitor.health.get(), "ok");
  await clock.advance(5_000);
  assert.equal(monitor.health.get(), "frozen");
});

test("the panic text with a silent agent is a panic: fatal once, probing stops", async () => {
  const { clock, probe, monitor, fatal, pings } = setup();
  monitor.noteConsole(bytes("[  167.25] Kernel pan"));
  monitor.noteConsole(bytes("ic - not syncing: sysrq triggered crash\r\n"));
  assert.equal(pings.length, 1, "a confirming ping goes out at once");
  await clock.advance(1_750);
  assert.equal(monitor.health.get(), "ok");
  await clock.advance(250);
  assert.equal(monitor.health.get(), "panicked");
  assert.deepEqual(fatal, ["panicked"]);
  await clock.advance(120_000);
  assert.equal(probe.calls, 0, "no probe goes to a dead guest");
  assert.equal(pings.length, 1);
  assert.equal(monitor.health.get(), "panicked");
});

test("the panic text printed by a program (the agent answers the ping) is not a panic", async () => {
  const { clock, monitor, fatal, pings } = setup();
  monitor.noteConsole(bytes("$ echo Kernel panic - not syncing\r\nKernel panic - not syncing\r\n"));
  assert.equal(pings.length, 1);
  await clock.advance(100);
  monitor.noteAgentReply(); // the ping's answer, as the machine reports every reply
  await clock.advance(30_000);
  assert.equal(monitor.health.get(), "ok");
  assert.deepEqual(fatal, []);
});

test("a panic is called on a slow ping only after the confirm time, not at the ping's timeout", async () => {
  const { clock, monitor, fatal, pings } = setup({ panicConfirmMs: 3_000 });
  monitor.noteConsole(bytes("Kernel panic - not syncing: Fatal exception\r\n"));
  assert.ok(pings[0] >= 3_000, "the ping may answer late; the tick decides");
  await clock.advance(2_750);
  assert.deepEqual(fatal, []);
  await clock.advance(250);
  assert.deepEqual(fatal, ["panicked"]);
});

test("a halted CPU is final", async () => {
  const { clock, monitor, fatal } = setup();
  monitor.noteHalt();
  assert.equal(monitor.health.get(), "halted");
  monitor.noteAgentReply();
  await clock.advance(60_000);
  assert.equal(monitor.health.get(), "halted");
  assert.deepEqual(fatal, ["halted"]);
});

test("a command ending probes Docker; a dead dockerd shows restarting until it serves again", async () => {
  const { clock, probe, monitor, seen } = setup();
  monitor.noteCommandStart();
  monitor.noteCommandDone();
  assert.equal(probe.calls, 0, "not while the learner may be typing");
  await clock.advance(3_000);
  assert.equal(probe.calls, 1, "in the lull after the command");
  await probe.answer("dockerd-down");
  await clock.advance(1);
  assert.equal(monitor.health.get(), "docker-restarting");
  await clock.advance(2_000);
  assert.equal(probe.calls, 2, "polls while restarting");
  await probe.answer("dockerd-starting");
  await clock.advance(3_000); // the monitor ticks once a second
  await probe.answer("ok");
  await clock.advance(1);
  assert.equal(monitor.health.get(), "ok");
  assert.deepEqual(seen, ["docker-restarting", "ok"]);
});

test("commands in quick succession probe at most once per 3 s, and the last one is never dropped", async () => {
  const { clock, probe, monitor } = setup();
  monitor.noteCommandDone();
  await clock.advance(2_000);
  assert.equal(probe.calls, 1);
  await probe.answer("ok");
  monitor.noteCommandDone();
  monitor.noteCommandDone(); // e.g. `kill -9 $(pidof dockerd)` right after the probe
  await clock.advance(2_000);
  assert.equal(probe.calls, 1, "within 3 s of the last probe");
  await clock.advance(1_000);
  assert.equal(probe.calls, 2, "deferred, not dropped: a dockerd restarting now is still seen");
  await probe.answer("ok");
  await clock.advance(10_000);
  assert.equal(probe.calls, 2, "one probe for both commands");
});

test("the probe after a command waits while the learner types or runs the next command", async () => {
  const { clock, probe, monitor } = setup();
  monitor.noteCommandDone();
  for (let i = 0; i < 10; i++) {
    await clock.advance(500);
    monitor.noteConsole(bytes("d")); // the echo of a typed key
  }
  assert.equal(probe.calls, 0, "typing defers it");
  monitor.noteCommandStart();
  await clock.advance(10_000);
  assert.equal(probe.calls, 0, "a silent running command defers it");
  monitor.noteCommandDone();
  await clock.advance(999);
  assert.equal(probe.calls, 0);
  await clock.advance(1);
  assert.equal(probe.calls, 1, "1 s of silence at the prompt");
});

test("the Docker CLI's 'Cannot connect' on the console asks for a probe", async () => {
  const { probe, monitor } = setup();
  monitor.noteConsole(bytes("docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\r\n"));
  assert.equal(probe.calls, 1);
  await probe.answer("containerd-down");
  await new Promise((r) => setImmediate(r));
  assert.equal(monitor.health.get(), "docker-restarting");
});

test("start() after a fatal state watches the new machine from ok", async () => {
  const { clock, probe, monitor } = setup();
  monitor.noteHalt();
  monitor.start();
  assert.equal(monitor.health.get(), "ok");
  await clock.advance(20_000);
  assert.equal(probe.calls, 1);
});
