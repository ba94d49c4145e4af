import assert from "node:assert/strict";
import test from "node:test";
import { Pacer, readInto } from "./fetch-progress";

const URL_ = "https://lab.example/guest/abc/state/state-1.bin.zst";

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

test("a body arrives in its place, with each chunk's length reported as it comes", async () => {
  const target = new Uint8Array(whole.length + 20);
  const reported: number[] = [];
  await readInto(responseOf(chunks), URL_, target.subarray(10, 10 + whole.length), (n) => reported.push(n));
  assert.deepEqual(target.subarray(10, 10 + whole.length), whole);
  assert.deepEqual([...target.subarray(0, 10), ...target.subarray(10 + whole.length)], new Array(20).fill(0), "nothing written outside its place");
  assert.deepEqual(reported, chunks.map((c) => c.length));
});

test("a body shorter or longer than expected is refused, naming the file", async () => {
  await assert.rejects(readInto(responseOf(chunks.slice(0, 2)), URL_, new Uint8Array(whole.length), () => {}), {
    message: `Could not download the machine (/guest/abc/state/state-1.bin.zst: 71000 of ${whole.length} bytes).`,
  });
  await assert.rejects(readInto(responseOf(chunks), URL_, new Uint8Array(1000), () => {}), {
    message: "Could not download the machine (/guest/abc/state/state-1.bin.zst: more than the 1000 bytes expected).",
  });
});

test("a body the browser decoded (Content-Encoding) is read as it comes, whatever Content-Length says", async () => {
  const target = new Uint8Array(whole.length);
  await readInto(responseOf(chunks, { "content-length": "10", "content-encoding": "gzip" }), URL_, target, () => {});
  assert.deepEqual(target, whole);
});

test("a failed download names the file and the HTTP status", async () => {
  await assert.rejects(readInto(responseOf([], {}, 404), URL_, new Uint8Array(1), () => {}), {
    message: "Could not download the machine (/guest/abc/state/state-1.bin.zst: HTTP 404).",
  });
});

test("reading bodies that have already arrived lets the thread's other tasks run (v86 loads meanwhile)", async () => {
  // Three bodies of 20 chunks, all queued at once, each chunk taking 1 ms to handle: 60 ms of
  // reading without a break unless the readers, sharing one pacer, yield.
  const many = () => Array.from({ length: 20 }, (_, i) => bytes(64, i));
  let timerRanAt = -1;
  let chunksRead = 0;
  setTimeout(() => (timerRanAt = chunksRead), 0);
  const pacer = new Pacer();
  const busy = () => {
    chunksRead++;
    const until = performance.now() + 1;
    while (performance.now() < until);
  };
  await Promise.all([0, 1, 2].map(() => readInto(responseOf(many()), URL_, new Uint8Array(20 * 64), busy, pacer)));
  assert.ok(timerRanAt >= 0 && timerRanAt < 60, `the timer ran after ${timerRanAt} of 60 chunks`);
});
