import assert from "node:assert/strict";
import { test } from "node:test";
import { AgentChannel } from "./agent-channel";

const decoder = new TextDecoder();

/** A channel connected to a fake ttyS1 that records requests; `reply` plays the agent's answer. */
function connected() {
  let replies = 0;
  const channel = new AgentChannel(() => replies++);
  const requests: string[][] = [];
  channel.connect((bytes) => requests.push(decoder.decode(bytes).trim().split(" ")));
  const reply = (nonce: string, code: number, stdout = "", stderr = "") => {
    const line = `noise@@DBL-REPLY ${nonce} ${code} ${btoa(stdout)} ${btoa(stderr)}\n`;
    for (const byte of new TextEncoder().encode(line)) channel.push(byte);
  };
  return { channel, requests, reply, replies: () => replies };
}

test("a script is sent framed with its timeout, and its reply is matched by nonce", async () => {
  const { channel, requests, reply, replies } = connected();
  const first = channel.exec("echo one", { timeoutMs: 5_000 });
  const second = channel.exec("echo two");
  const [[nonce1, seconds1, script1], [nonce2, seconds2]] = requests;
  assert.equal(seconds1, "5");
  assert.equal(seconds2, "30", "30 s by default");
  assert.equal(decoder.decode(Uint8Array.from(atob(script1), (c) => c.charCodeAt(0))), "echo one");
  reply(nonce2, 3, "two\n", "oops");
  reply(nonce1, 0, "one\n");
  assert.deepEqual({ ...(await first), stdoutBytes: undefined }, { exitCode: 0, stdout: "one\n", stdoutBytes: undefined, stderr: "", timedOut: false });
  const two = await second;
  assert.equal(two.exitCode, 3);
  assert.equal(two.stderr, "oops");
  assert.equal(replies(), 2);
});

test("a script without a reply times out; an aborted one rejects with the signal's reason", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { channel } = connected();
  const silent = channel.exec("sleep 100", { timeoutMs: 1_000 });
  t.mock.timers.tick(1_000);
  assert.deepEqual(await silent, { exitCode: -1, stdout: "", stderr: "", timedOut: true });
  const controller = new AbortController();
  const aborted = channel.exec("sleep 100", { signal: controller.signal });
  controller.abort(new Error("left the page"));
  await assert.rejects(aborted, /left the page/);
});

test("the loop's own requests: ping and winsize answer true on exit 0, false on silence", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { channel, requests, reply } = connected();
  const ping = channel.ping(2_000);
  const size = channel.setWinsize({ cols: 120, rows: 40 }, 2_000);
  assert.deepEqual(requests[0].slice(1), ["ping"]);
  assert.deepEqual(requests[1].slice(1), ["winsize", "40", "120"]);
  reply(requests[0][0], 0);
  assert.equal(await ping, true);
  t.mock.timers.tick(2_000);
  assert.equal(await size, false);
});

test("when the emulator goes away every open request ends as stopped; without one nothing is sent", async () => {
  const { channel, requests } = connected();
  const script = channel.exec("docker ps");
  const ping = channel.ping(10_000);
  channel.disconnect();
  const stopped = await script;
  assert.equal(stopped.exitCode, -1);
  assert.equal(stopped.timedOut, false);
  assert.match(stopped.stderr, /stopped/);
  assert.equal(await ping, false);
  await assert.rejects(channel.exec("true"), /not running/);
  assert.equal(await channel.ping(10), false);
  assert.equal(requests.length, 2);
});

test("a reply for another emulator's request is ignored after a reconnect", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { channel, reply } = connected();
  const requests: string[][] = [];
  channel.connect((bytes) => requests.push(decoder.decode(bytes).trim().split(" ")));
  const answer = channel.exec("true", { timeoutMs: 1_000 });
  reply("0123456789abcdef", 0);
  t.mock.timers.tick(1_000);
  assert.equal((await answer).timedOut, true);
});
