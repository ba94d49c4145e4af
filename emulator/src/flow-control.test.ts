import assert from "node:assert/strict";
import { test } from "node:test";
import { FlowControl } from "./flow-control";

function producer(canPause = true) {
  const calls: string[] = [];
  return {
    calls,
    producer: {
      pause: () => (calls.push("pause"), canPause),
      resume: () => void calls.push("resume"),
    },
  };
}

test("pauses above the high mark and resumes only at the low mark", () => {
  const { calls, producer: p } = producer();
  const flow = new FlowControl({ high: 100, low: 20 }, p);
  flow.update(100);
  assert.deepEqual(calls, []);
  flow.update(101);
  assert.deepEqual(calls, ["pause"]);
  assert.equal(flow.isPaused, true);
  flow.update(150);
  flow.update(50);
  assert.deepEqual(calls, ["pause"], "neither paused twice nor resumed between the marks");
  flow.update(20);
  assert.deepEqual(calls, ["pause", "resume"]);
  assert.equal(flow.pauses, 1);
});

test("a producer that cannot pause now is asked again on the next update", () => {
  const { calls, producer: p } = producer(false);
  const flow = new FlowControl({ high: 10, low: 5 }, p);
  flow.update(11);
  flow.update(12);
  assert.deepEqual(calls, ["pause", "pause"]);
  assert.equal(flow.isPaused, false);
  assert.equal(flow.pauses, 0);
});

test("reset forgets a pause without resuming the producer", () => {
  const { calls, producer: p } = producer();
  const flow = new FlowControl({ high: 10, low: 5 }, p);
  flow.update(11);
  flow.reset();
  flow.update(0);
  assert.deepEqual(calls, ["pause"]);
  flow.update(11);
  assert.deepEqual(calls, ["pause", "pause"]);
});
