import assert from "node:assert/strict";
import { test } from "node:test";
import { throttleLatest } from "./throttle";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("the first value passes at once; a burst after it arrives as its latest value, once", async () => {
  const seen: number[] = [];
  const report = throttleLatest((n: number) => seen.push(n), 50);
  for (let n = 1; n <= 100; n++) report(n);
  assert.deepEqual(seen, [1]);
  await sleep(80);
  assert.deepEqual(seen, [1, 100]);
  await sleep(80);
  report(101); // the interval has passed: at once again
  assert.deepEqual(seen, [1, 100, 101]);
});

test("a value that comes after the interval, while the timer is late, is not followed by an older one", async () => {
  const seen: number[] = [];
  const report = throttleLatest((n: number) => seen.push(n), 20);
  report(1);
  report(2); // waits for its timer
  const until = performance.now() + 40;
  while (performance.now() < until); // the thread is busy: the timer cannot fire
  report(3);
  await sleep(50);
  assert.deepEqual(seen, [1, 3]);
});
