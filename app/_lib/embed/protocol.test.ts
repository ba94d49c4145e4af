import assert from "node:assert/strict";
import { test } from "node:test";
import { acceptHostMessage, CHANNEL, hostEvent, PROTOCOL_VERSION, type ExercisePassedEvent, type PreviewEvent } from "./protocol";

const HOST = "https://lms.example.edu";
const parent = { name: "the framing window" };
const rules = { hostOrigin: HOST, parent };
const check = { channel: CHANNEL, version: PROTOCOL_VERSION, type: "check" };

test("a well-formed command from the host's window is accepted", () => {
  assert.deepEqual(acceptHostMessage({ origin: HOST, source: parent, data: check }, rules), check);
  const reset = { ...check, type: "reset" };
  assert.deepEqual(acceptHostMessage({ origin: HOST, source: parent, data: reset }, rules), reset);
  // An object without a prototype (e.g. from Object.create(null)) is still a plain object.
  const bare = Object.assign(Object.create(null), check);
  assert.deepEqual(acceptHostMessage({ origin: HOST, source: parent, data: bare }, rules), check);
});

test("the right shape from the wrong origin or window is ignored", () => {
  for (const origin of ["https://evil.example", "http://lms.example.edu", "https://lms.example.edu:444", "null", ""]) {
    assert.equal(acceptHostMessage({ origin, source: parent, data: check }, rules), null, origin);
  }
  assert.equal(acceptHostMessage({ origin: HOST, source: {}, data: check }, rules), null, "a sibling frame");
  assert.equal(acceptHostMessage({ origin: HOST, source: null, data: check }, rules), null, "no source");
  assert.equal(acceptHostMessage({ origin: HOST, source: parent, data: check }, { hostOrigin: null, parent }), null, "no host named");
});

test("anything but exactly a command is ignored", () => {
  const shapes: unknown[] = [
    null,
    undefined,
    0,
    "check",
    JSON.stringify(check),
    [check],
    { ...check, type: "CHECK" },
    { ...check, type: "reset " },
    { ...check, type: "run", command: "rm -rf /" },
    { ...check, version: 2 },
    { ...check, version: "1" },
    { ...check, channel: "docker-browser-lab " },
    { type: "check" },
    { ...check, extra: true },
    new Map(Object.entries(check)),
    new Date(),
    Object.assign(new (class Command {})(), check),
    Object.defineProperty({ channel: CHANNEL, version: 1 }, "type", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    }),
  ];
  for (const data of shapes) {
    assert.equal(acceptHostMessage({ origin: HOST, source: parent, data }, rules), null, String(data));
  }
});

test("fuzz: 20,000 random messages never throw and only exact commands pass", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const atoms = [null, undefined, true, 0, -1, 1e308, NaN, "", "check", "reset", CHANNEL, 1, "1", {}, [], HOST];
  const value = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.4) return pick(atoms);
    if (r < 0.7) {
      const o: Record<string, unknown> = {};
      const n = Math.floor(rand() * 5);
      for (let i = 0; i < n; i++) o[pick(["channel", "version", "type", "__proto__", "constructor", "x"])] = value(depth + 1);
      return o;
    }
    return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  };
  let accepted = 0;
  let expected = 0;
  for (let i = 0; i < 20_000; i++) {
    const exact = rand() < 0.1;
    const data = exact ? { ...check, type: pick(["check", "reset"]) } : value(0);
    const origin = rand() < 0.5 ? HOST : pick(["https://evil.example", "null", HOST + "/"]);
    const source = rand() < 0.8 ? parent : {};
    if (exact && origin === HOST && source === parent) expected++;
    const result = acceptHostMessage({ origin, source, data }, rules);
    if (result) {
      accepted++;
      assert.equal(origin, HOST);
      assert.equal(source, parent);
      assert.deepEqual(Object.keys(data as object).sort(), ["channel", "type", "version"]);
    }
  }
  assert.ok(expected > 100);
  assert.equal(accepted, expected);
});

test("events carry the channel, version, lesson and exercise", () => {
  const event = hostEvent<ExercisePassedEvent>(
    "exercise-passed",
    { lesson: "tag", exercise: "tag-mybox" },
    { time: "2025-01-01T00:00:00.000Z", elapsedMs: 1200 },
  );
  assert.deepEqual(event, {
    channel: CHANNEL,
    version: 1,
    type: "exercise-passed",
    lesson: "tag",
    exercise: "tag-mybox",
    time: "2025-01-01T00:00:00.000Z",
    elapsedMs: 1200,
  });
});

test("the preview event names the port that opened", () => {
  assert.deepEqual(hostEvent<PreviewEvent>("preview", { lesson: "l", exercise: "e" }, { port: 8080 }), {
    channel: "docker-browser-lab",
    version: 1,
    type: "preview",
    lesson: "l",
    exercise: "e",
    port: 8080,
  });
});
