// The guest agent's shell script itself, run by bash on this machine with pipes for its serial
// line: what it answers to the host's framing (emulator/guest/overlay/usr/local/lib/dbl/agent).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { encodePing, encodeRequest, encodeWinsize, ReplyParser, type AgentReply } from "./agent-protocol";

const AGENT = fileURLToPath(new URL("../guest/overlay/usr/local/lib/dbl/agent", import.meta.url));

/** Starts the agent, writes `lines`, collects replies until `count` arrived (or 10 s passed). */
async function talk(lines: Uint8Array[], count: number): Promise<AgentReply[]> {
  // The learner's console is a path that does not exist here, so winsize's stty fails harmlessly.
  const agent = spawn("bash", [AGENT], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, DBL_CONSOLE_TTY: "/nonexistent/tty" } });
  const replies: AgentReply[] = [];
  const parser = new ReplyParser((reply) => replies.push(reply));
  agent.stdout.on("data", (chunk: Buffer) => chunk.forEach((byte) => parser.push(byte)));
  for (const line of lines) agent.stdin.write(line);
  const deadline = Date.now() + 10_000;
  while (replies.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  agent.stdin.end();
  agent.kill();
  return replies;
}

test("the agent answers a ping at once with an empty reply, and ignores a malformed one", async () => {
  const replies = await talk([new TextEncoder().encode("bad! ping\n"), encodePing("p1")], 1);
  assert.deepEqual(replies.map((r) => [r.nonce, r.exitCode, r.stdout, r.stderr]), [["p1", 0, "", ""]]);
});

test("a ping is answered while a request is still running, and the request's reply follows", async () => {
  const replies = await talk([encodeRequest("r1", 5, "sleep 1; echo done"), encodePing("p2")], 2);
  assert.deepEqual(replies.map((r) => r.nonce), ["p2", "r1"]);
  assert.equal(replies[1].stdout, "done\n");
});

test("a winsize request is answered in order with stty's exit code; a malformed one with 2", async () => {
  // The console path does not exist (see talk): stty fails, and the agent says so.
  const replies = await talk([encodeWinsize("w1", { rows: 40, cols: 120 }), new TextEncoder().encode("w2 winsize 40\n"), encodePing("p3")], 3);
  assert.deepEqual(replies.map((r) => r.nonce), ["w1", "w2", "p3"]);
  assert.notEqual(replies[0].exitCode, 0);
  assert.equal(replies[1].exitCode, 2);
});
