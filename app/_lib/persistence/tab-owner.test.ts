import assert from "node:assert/strict";
import { test } from "node:test";
import { TabOwnership } from "./tab-owner";
import { fakeBus, fakeLocks } from "@/app/_testing/persistence-fakes";

test("the first tab owns the machine; a second tab is told it is elsewhere", async () => {
  const locks = fakeLocks();
  const bus = fakeBus();
  const a = new TabOwnership({ locks, channel: bus(), onHandover: async () => true });
  const b = new TabOwnership({ locks, channel: bus(), onHandover: async () => true });
  assert.equal(await a.claim(), true);
  assert.equal(await b.claim(), false);
  assert.equal(a.state.get(), "owner");
  assert.equal(b.state.get(), "elsewhere");
});

test("'Use it here' makes the owner save and let go before the new tab holds the lock", async () => {
  const locks = fakeLocks();
  const bus = fakeBus();
  const events: string[] = [];
  const a = new TabOwnership({
    locks,
    channel: bus(),
    onHandover: async () => {
      events.push("a saves");
      await new Promise((r) => setTimeout(r, 20));
      events.push("a stopped");
      return true;
    },
  });
  const b = new TabOwnership({ locks, channel: bus(), onHandover: async () => true });
  await a.claim();
  await b.claim();
  await b.takeOver();
  events.push("b owns");
  assert.deepEqual(events, ["a saves", "a stopped", "b owns"]);
  assert.equal(b.state.get(), "owner");
  assert.equal(a.state.get(), "elsewhere");
  // And back again.
  await a.takeOver();
  assert.equal(a.state.get(), "owner");
  assert.equal(b.state.get(), "elsewhere");
});

test("an owner that never answers loses the lock by force after the wait", async () => {
  const locks = fakeLocks();
  let lost = false;
  const a = new TabOwnership({ locks, channel: null, onHandover: async () => true, onLost: () => (lost = true) });
  const b = new TabOwnership({ locks, channel: null, onHandover: async () => true, stealAfterMs: 20 });
  await a.claim();
  await b.takeOver();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(b.state.get(), "owner");
  assert.equal(a.state.get(), "elsewhere");
  assert.equal(lost, true);
});
