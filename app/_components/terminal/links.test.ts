import assert from "node:assert/strict";
import { test } from "node:test";
import { createLinkHandler, isHttpUrl } from "./links";

test("only absolute http(s) URLs count as links", () => {
  for (const ok of ["http://example.com/", "https://docs.docker.com/x?y#z", "HTTPS://EXAMPLE.COM"]) assert.ok(isHttpUrl(ok), ok);
  for (const bad of ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "vbscript:x", "//example.com", "/relative", "", "http//x"]) {
    assert.ok(!isHttpUrl(bad), bad);
  }
});

test("the OSC 8 handler asks before opening, and never opens anything but http(s)", () => {
  const asked: string[] = [];
  const opened: string[] = [];
  let answer = true;
  const handler = createLinkHandler({ confirm: (u) => (asked.push(u), answer), open: (u) => opened.push(u) });
  const click = {} as MouseEvent;
  handler.activate(click, "javascript:alert(1)");
  handler.activate(click, "file:///etc/passwd");
  assert.deepEqual(asked, []);
  handler.activate(click, "https://example.com/");
  answer = false;
  handler.activate(click, "https://example.org/");
  assert.deepEqual(asked, ["https://example.com/", "https://example.org/"]);
  assert.deepEqual(opened, ["https://example.com/"]);
  assert.equal(handler.allowNonHttpProtocols, false);
});
