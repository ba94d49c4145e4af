import assert from "node:assert/strict";
import { createServer, connect } from "node:net";
import { test } from "node:test";
import { startCountingProxy } from "./bench-browser";

/** A server that sends `size` bytes to each client and closes. */
async function sender(size: number) {
  const server = createServer((socket) => socket.end(Buffer.alloc(size, 1)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`) };
}

/** Connects through the proxy; resolves with the bytes received and the milliseconds it took. */
function download(proxyUrl: string): Promise<{ bytes: number; ms: number }> {
  const { port } = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    const socket = connect(Number(port), "127.0.0.1");
    socket.on("data", (chunk) => (bytes += chunk.length));
    socket.on("close", () => resolve({ bytes, ms: performance.now() - started }));
    socket.on("error", reject);
  });
}

test("the proxy counts the server's bytes and, with a link, delivers them at its bandwidth", async () => {
  const { server, url } = await sender(250_000);
  const proxy = await startCountingProxy(url);
  try {
    const open = await download(proxy.url);
    assert.equal(open.bytes, 250_000);
    assert.equal(proxy.bytes(), 250_000);

    // 2 Mbit/s: 250,000 bytes take 1,000 ms, plus half of the 200 ms round trip.
    proxy.reset();
    proxy.setLink({ downBitsPerSecond: 2e6, rttMs: 200 });
    const slow = await download(proxy.url);
    assert.equal(slow.bytes, 250_000, "no byte is lost when the server closes before the pipe drains");
    assert.equal(proxy.bytes(), 250_000);
    assert.ok(slow.ms >= 1_050, `took ${slow.ms} ms`);
    assert.ok(slow.ms < open.ms + 3_000, `took ${slow.ms} ms`);
  } finally {
    proxy.server.close();
    server.close();
  }
});
