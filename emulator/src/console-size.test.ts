import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsoleSize, type Size } from "./console-size";

test("a burst of sizes sends the last one, once, after the sizes settle", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const sent: Size[] = [];
  const size = new ConsoleSize(async (s) => void sent.push(s), () => true);
  size.tell({ cols: 80, rows: 24 });
  t.mock.timers.tick(50);
  size.tell({ cols: 100, rows: 30 });
  t.mock.timers.tick(99);
  assert.deepEqual(sent, []);
  t.mock.timers.tick(1);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, [{ cols: 100, rows: 30 }]);
});

test("a size told while the guest cannot take it waits for apply()", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const sent: Size[] = [];
  let ready = false;
  const size = new ConsoleSize(async (s) => void sent.push(s), () => ready);
  assert.equal(size.sttyCommand(), "");
  size.tell({ cols: 132, rows: 43 });
  t.mock.timers.tick(100);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, []);
  assert.equal(size.sttyCommand(), "stty -F /dev/ttyS0 rows 43 cols 132; ");
  ready = true;
  await size.apply();
  assert.deepEqual(sent, [{ cols: 132, rows: 43 }]);
});

test("requests go one at a time, each with the size known when it is sent", async () => {
  const sent: Size[] = [];
  let finishFirst = () => {};
  const size = new ConsoleSize(
    (s) => {
      sent.push(s);
      return sent.length === 1 ? new Promise<void>((r) => (finishFirst = r)) : Promise.resolve();
    },
    () => false,
  );
  size.tell({ cols: 80, rows: 24 });
  const first = size.apply();
  await new Promise((r) => setImmediate(r));
  const second = size.apply();
  size.tell({ cols: 90, rows: 30 });
  size.cancel();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, [{ cols: 80, rows: 24 }], "the second waits for the first");
  finishFirst();
  await first;
  await second;
  assert.deepEqual(sent, [{ cols: 80, rows: 24 }, { cols: 90, rows: 30 }]);
});
