import assert from "node:assert/strict";
import { test } from "node:test";
import type { PreviewRequest, PreviewResult } from "./http";
import { loadPage } from "./load";

const ok = (status: number, headers: Record<string, string>, body = ""): PreviewResult => ({
  ok: true,
  ms: 1,
  response: { status, statusText: "", headers, body: new TextEncoder().encode(body) },
});

test("redirects are followed on the same port, a 303 after a post as a GET", async () => {
  const asked: PreviewRequest[] = [];
  const result = await loadPage(async (request) => {
    asked.push(request);
    if (request.target === "/form") return ok(303, { location: "/done?id=1" });
    return ok(200, { "content-type": "text/plain" }, "done");
  }, { port: 8080, method: "POST", target: "/form", body: "a=1" });
  assert.ok(result.ok);
  assert.equal(result.target, "/done?id=1");
  assert.deepEqual(asked[1], { port: 8080, method: "GET", target: "/done?id=1" });
});

test("a redirect off the machine is shown, not followed; a loop stops", async () => {
  const off = await loadPage(async () => ok(302, { location: "https://example.com/", "content-type": "text/plain" }, "moved"), { port: 8080, method: "GET", target: "/" });
  assert.ok(off.ok);
  assert.equal(off.status, 302);
  let n = 0;
  const loop = await loadPage(async () => (n++, ok(302, { location: "/again", "content-type": "text/plain" })), { port: 8080, method: "GET", target: "/" });
  assert.ok(loop.ok);
  assert.equal(n, 6);
});

test("a failure says which, with the target; the first byte is timed", async () => {
  const failed = await loadPage(async () => ({ ok: false, failure: { kind: "refused" } }), { port: 1, method: "GET", target: "/x" });
  assert.deepEqual(failed, { ok: false, failure: { kind: "refused" }, target: "/x" });
  let t = 0;
  const timed = await loadPage(async () => ((t += 120), ok(200, { "content-type": "text/plain" }, "x")), { port: 8080, method: "GET", target: "/" }, () => t);
  assert.ok(timed.ok);
  assert.equal(timed.firstByteMs, 120);
});
