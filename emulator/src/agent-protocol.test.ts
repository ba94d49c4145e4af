import assert from "node:assert/strict";
import { test } from "node:test";
import { encodePing, encodeRequest, encodeWinsize, parseReplyLine, ReplyParser, type AgentReply } from "./agent-protocol";

const b64 = (text: string) => Buffer.from(text).toString("base64");

test("a request is one line: nonce, whole seconds, base64 script", () => {
  const line = new TextDecoder().decode(encodeRequest("abc123", 1.2, "echo 中文\nexit 3"));
  const [nonce, seconds, script] = line.trimEnd().split(" ");
  assert.equal(nonce, "abc123");
  assert.equal(seconds, "2");
  assert.equal(Buffer.from(script, "base64").toString(), "echo 中文\nexit 3");
  assert.ok(line.endsWith("\n") && !line.slice(0, -1).includes("\n"));
});

test("a nonce that could break the framing is refused", () => {
  assert.throws(() => encodeRequest("a b", 1, "true"));
});

test("replies parse, with empty outputs too", () => {
  assert.deepEqual(parseReplyLine(`@@DBL-REPLY n1 0 ${b64("hi\n")} `), {
    nonce: "n1", exitCode: 0, stdout: "hi\n", stdoutBytes: new Uint8Array(Buffer.from("hi\n")), stderr: "",
  });
  assert.equal(parseReplyLine(`@@DBL-REPLY n2 137  ${b64("killed")}`)?.stderr, "killed");
});

test("the echo of a request, or noise, is not a reply", () => {
  assert.equal(parseReplyLine("n1 30 ZWNobyBoaQ=="), null);
  assert.equal(parseReplyLine("@@DBL-REPLY n1 x y z"), null);
  assert.equal(parseReplyLine("garbage"), null);
});

test("the parser finds replies in a byte stream split anywhere", () => {
  const got: AgentReply[] = [];
  const parser = new ReplyParser((r) => got.push(r));
  const stream = `noise\n@@DBL-REPLY a1 0 ${b64("one")} \n\r\n@@DBL-REPLY a2 5  ${b64("two")}\n`;
  for (const byte of Buffer.from(stream)) parser.push(byte);
  assert.deepEqual(got.map((r) => [r.nonce, r.exitCode, r.stdout, r.stderr]), [["a1", 0, "one", ""], ["a2", 5, "", "two"]]);
});

test("a ping is one line: nonce and the word ping", () => {
  assert.equal(new TextDecoder().decode(encodePing("abc123")), "abc123 ping\n");
  assert.throws(() => encodePing("a\nb"));
});

test("a winsize request carries whole rows and columns, clamped to what stty takes", () => {
  const text = (rows: number, cols: number) => new TextDecoder().decode(encodeWinsize("w1", { rows, cols }));
  assert.equal(text(40, 120), "w1 winsize 40 120\n");
  assert.equal(text(24.7, 0), "w1 winsize 24 1\n");
  assert.equal(text(NaN, 1e9), "w1 winsize 1 9999\n");
});
