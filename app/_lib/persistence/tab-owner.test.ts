import assert from "node:assert/strict";
import { test } from "node:test";
import { TabOwnership, type ChannelLike, type LockManagerLike, type OwnerMessage } from "./tab-owner";

/** A LockManager with the semantics used: exclusive, ifAvailable, steal, signal. */
function fakeLocks(): LockManagerLike {
  let held: { reject: (e: Error) => void; release: Promise<unknown> } | null = null;
  const queue: Array<() => void> = [];
  const grant = (cb: (lock: unknown) => unknown, resolve: (v: unknown) => void, reject: (e: Error) => void) => {
    const release = Promise.resolve(cb({ name: "l" }));
    const entry = { reject, release };
    held = entry;
    release.then((v) => {
      if (held === entry) {
        held = null;
        queue.shift()?.();
      }
      resolve(v);
    });
  };
  return {
    request(_name, options, cb) {
      return new Promise((resolve, reject) => {
        if (options.steal) {
          held?.reject(Object.assign(new Error("stolen"), { name: "AbortError" }));
          held = null;
          return grant(cb, resolve, reject);
        }
        if (!held) return grant(cb, resolve, reject);
        if (options.ifAvailable) return resolve(cb(null));
        const waiter = () => grant(cb, resolve, reject);
        queue.push(waiter);
        options.signal?.addEventListener("abort", () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
        });
      });
    },
  };
}

function fakeBus() {
  const members = new Set<(m: OwnerMessage) => void>();
  return (): ChannelLike => {
    let listener: ((e: { data: OwnerMessage }) => void) | null = null;
    const deliver = (m: OwnerMessage) => setTimeout(() => listener?.({ data: m }), 0);
    members.add(deliver);
    return {
      postMessage: (m) => members.forEach((d) => d !== deliver && d(m)),
      addEventListener: (_t, l) => (listener = l),
      close: () => members.delete(deliver),
    };
  };
}

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
