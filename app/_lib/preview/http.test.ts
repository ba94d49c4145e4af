import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeChunked, fetchFromGuest, isValidTarget, parseResponse, requestBytes, requestScript, MAX_RESPONSE_BYTES } from "./http";
import type { ExecResult } from "@/emulator/browser";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const reply = (over: Partial<ExecResult>): ExecResult => ({ exitCode: 0, stdout: "", stderr: "", timedOut: false, ...over });

test("the request is HTTP/1.0 with a Host header and, for a post, the form as body", () => {
  assert.equal(text(requestBytes({ port: 8080, method: "GET", target: "/a?b=1" })), "GET /a?b=1 HTTP/1.0\r\nHost: localhost:8080\r\nUser-Agent: docker-browser-lab-preview\r\nAccept: */*\r\nConnection: close\r\n\r\n");
  const post = text(requestBytes({ port: 80, method: "POST", target: "/f", body: "a=1&b=%C3%A9" }));
  assert.match(post, /^POST \/f HTTP\/1\.0\r\n/);
  assert.match(post, /Content-Type: application\/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\na=1&b=%C3%A9$/);
});

test("the script carries the request only as base64 and refuses bad ports and paths", () => {
  const script = requestScript({ port: 8080, method: "GET", target: "/$(reboot)`x`';" });
  assert.match(script, /\/dev\/tcp\/127\.0\.0\.1\/8080/);
  assert.doesNotMatch(script, /reboot/);
  assert.throws(() => requestScript({ port: 0, method: "GET", target: "/" }));
  assert.throws(() => requestScript({ port: 70000, method: "GET", target: "/" }));
  assert.throws(() => requestScript({ port: 80, method: "GET", target: "/a b" }));
  assert.throws(() => requestScript({ port: 80, method: "GET", target: "/a\r\nX: 1" }));
  assert.equal(isValidTarget("relative"), false);
  assert.equal(isValidTarget("/" + "a".repeat(3000)), false);
});

test("a response is parsed into status, headers and body", () => {
  const r = parseResponse(bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n<h1>hi</h1>"));
  assert.ok(typeof r !== "string");
  assert.equal(r.status, 200);
  assert.equal(r.statusText, "OK");
  assert.equal(r.headers["content-type"], "text/html");
  assert.equal(r.headers["set-cookie"], "a=1, b=2");
  assert.equal(text(r.body), "<h1>hi</h1>");
});

test("bare line feeds, a Content-Length shorter than the bytes, and chunks are understood", () => {
  const lf = parseResponse(bytes("HTTP/1.0 404 Not Found\nContent-Length: 3\n\nabcdef"));
  assert.ok(typeof lf !== "string");
  assert.equal(lf.status, 404);
  assert.equal(text(lf.body), "abc");
  const chunked = parseResponse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"));
  assert.ok(typeof chunked !== "string");
  assert.equal(text(chunked.body), "hello world");
  assert.equal(decodeChunked(bytes("zz\r\n")), null);
});

test("what is not HTTP says so", () => {
  assert.equal(parseResponse(bytes("SSH-2.0-OpenSSH\r\n")), "no end of headers");
  assert.equal(parseResponse(bytes("hello\r\n\r\n")), "no HTTP status line");
});

test("fetchFromGuest tells refused, timeout, too large, no answer and bad requests apart", async () => {
  const req = { port: 8080, method: "GET" as const, target: "/" };
  assert.deepEqual(await fetchFromGuest(async () => reply({ exitCode: 7 }), req), { ok: false, failure: { kind: "refused" } });
  assert.deepEqual(await fetchFromGuest(async () => reply({ exitCode: 137 }), req), { ok: false, failure: { kind: "timeout" } });
  assert.deepEqual(await fetchFromGuest(async () => reply({ exitCode: 8 }), req), { ok: false, failure: { kind: "too-large" } });
  assert.deepEqual(await fetchFromGuest(async () => reply({ stdoutBytes: new Uint8Array(MAX_RESPONSE_BYTES + 1) }), req), { ok: false, failure: { kind: "too-large" } });
  assert.equal((await fetchFromGuest(async () => reply({ timedOut: true, exitCode: -1 }), req)).ok, false);
  const thrown = await fetchFromGuest(async () => { throw new Error("gone"); }, req);
  assert.deepEqual(thrown, { ok: false, failure: { kind: "unavailable", detail: "gone" } });
  let called = false;
  const bad = await fetchFromGuest(async () => { called = true; return reply({}); }, { ...req, target: "x" });
  assert.equal(bad.ok, false);
  assert.equal(called, false);
  const big = await fetchFromGuest(async () => reply({}), { ...req, method: "POST", body: "a".repeat(70_000) });
  assert.deepEqual(big, { ok: false, failure: { kind: "bad-request", detail: "body too large" } });
});

test("fetchFromGuest returns the response and the time it took", async () => {
  let t = 100;
  const result = await fetchFromGuest(
    async (script, options) => {
      assert.match(script, /^exec 3<>/);
      assert.equal(options?.timeoutMs, 20_000);
      t += 42;
      return reply({ stdoutBytes: bytes("HTTP/1.0 200 OK\r\n\r\nok") });
    },
    { port: 3000, method: "GET", target: "/" },
    () => t,
  );
  assert.ok(result.ok);
  assert.equal(result.ms, 42);
  assert.equal(text(result.response.body), "ok");
});
