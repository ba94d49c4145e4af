import assert from "node:assert/strict";
import { test } from "node:test";
import { downloadSecondsLeft } from "./download-time-left";

const MB = 1_000_000;

test("the time left is the rest at the average rate so far, rounded up", () => {
  // 12 of 30 MB in 4 s: 3 MB/s, 18 MB to go.
  assert.equal(downloadSecondsLeft(12 * MB, 30 * MB, 4000), 6);
  assert.equal(downloadSecondsLeft(10 * MB, 30 * MB, 4000), 8);
});

test("no estimate while the rate says little: the first second, the first 5 %", () => {
  assert.equal(downloadSecondsLeft(5 * MB, 30 * MB, 900), null);
  assert.equal(downloadSecondsLeft(1 * MB, 30 * MB, 3000), null);
});

test("no estimate without a total, before the first byte, or once it is all there", () => {
  assert.equal(downloadSecondsLeft(5 * MB, 0, 3000), null);
  assert.equal(downloadSecondsLeft(0, 30 * MB, 3000), null);
  assert.equal(downloadSecondsLeft(30 * MB, 30 * MB, 3000), null);
});

test("a last sliver still shows a second, not zero", () => {
  assert.equal(downloadSecondsLeft(30 * MB - 1, 30 * MB, 10_000), 1);
});
