import assert from "node:assert/strict";
import test from "node:test";
import { readWithProgress } from "./fetch-progress";

const URL_ = "https://lab.example/guest/state.bin.zst";

/** A response whose body arrives in `chunks`, with the given headers. */
function responseOf(chunks: Uint8Array[], headers: Record<string, string> = {}, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { status, headers });
}

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
const chunks = [bytes(1000, 1), bytes(70_000, 2), bytes(5, 3), bytes(123_456, 4)];
const whole = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
chunks.reduce((at, c) => (whole.set(c, at), at + c.length), 0);

test("a body of known length arrives whole, with progress after every chunk", async () => {
  const progress: [number, number][] = [];
  const data = await readWithProgress(responseOf(chunks, { "content-length": String(whole.length) }), URL_, (l, t) => progress.push([l, t]));
  assert.deepEqual(new Uint8Array(data), whole);
  assert.equal(data.byteLength, whole.length);
  assert.deepEqual(progress.map(([l]) => l), [1000, 71_000, 71_005, whole.length]);
  assert.ok(progress.every(([, t]) => t === whole.length));
});

test("a body of unknown length arrives whole; progress says the total is unknown", async () => {
  const totals = new Set<number>();
  const data = await readWithProgress(responseOf(chunks), URL_, (_, t) => totals.add(t));
  assert.deepEqual(new Uint8Array(data), whole);
  assert.deepEqual([...totals], [0]);
});

test("a body shorter or longer than its Content-Length is returned as it came", async () => {
  const short = await readWithProgress(responseOf(chunks.slice(0, 2), { "content-length": String(whole.length) }), URL_, () => {});
  assert.deepEqual(new Uint8Array(short), whole.subarray(0, 71_000));
  const long = await readWithProgress(responseOf(chunks, { "content-length": "1000" }), URL_, () => {});
  assert.deepEqual(new Uint8Array(long), whole);
});

test("a body the browser decoded is not read as Content-Length bytes", async () => {
  const data = await readWithProgress(responseOf(chunks, { "content-length": "10", "content-encoding": "gzip" }), URL_, () => {});
  assert.deepEqual(new Uint8Array(data), whole);
});

test("a failed download names the file and the HTTP status", async () => {
  await assert.rejects(readWithProgress(responseOf([], {}, 404), URL_, () => {}), {
    message: "Could not download the machine (/guest/state.bin.zst: HTTP 404).",
  });
});

test("reading a body that has already arrived lets the thread's other tasks run (v86 loads meanwhile)", async () => {
  // 60 chunks, all queued at once, each taking 1 ms to handle: 60 ms of reading without a break
  // unless the reader yields.
  const many = Array.from({ length: 60 }, (_, i) => bytes(64, i));
  let timerRanAt = -1;
  let chunksRead = 0;
  setTimeout(() => (timerRanAt = chunksRead), 0);
  await readWithProgress(responseOf(many), URL_, () => {
    chunksRead++;
    const until = performance.now() + 1;
    while (performance.now() < until);
  });
  assert.ok(timerRanAt >= 0 && timerRanAt < many.length, `the timer ran after ${timerRanAt} of ${many.length} chunks`);
});
