import assert from "node:assert/strict";
import { test } from "node:test";
import { formGetTarget, isFrameReady, isHtml, PREVIEW_CSP, readNavigateMessage, resolveTarget, srcdocFor } from "./document";

const response = (type: string, body: string) => ({ status: 200, statusText: "OK", headers: (type ? { "content-type": type } : {}) as Record<string, string>, body: new TextEncoder().encode(body) });

test("links resolve against the current page, on the same port only", () => {
  assert.equal(resolveTarget(8080, "/a/b.html", "c.html?x=1#top"), "/a/c.html?x=1");
  assert.equal(resolveTarget(8080, "/a/b.html", "/"), "/");
  assert.equal(resolveTarget(8080, "/a/", "../up"), "/up");
  assert.equal(resolveTarget(8080, "/", "http://localhost:8080/x"), "/x");
  assert.equal(resolveTarget(8080, "/", "http://127.0.0.1:8080/x"), "/x");
  assert.equal(resolveTarget(80, "/", "http://localhost/x"), "/x");
  assert.equal(resolveTarget(8080, "/", "http://localhost:9090/x"), null);
  assert.equal(resolveTarget(8080, "/", "https://example.com/"), null);
  assert.equal(resolveTarget(8080, "/", "//example.com/x"), null);
  assert.equal(resolveTarget(8080, "/", "javascript:alert(1)"), null);
  assert.equal(resolveTarget(8080, "/", "data:text/html,hi"), null);
});

test("a GET form's fields become the query", () => {
  assert.equal(formGetTarget("/search?old=1", "q=docker"), "/search?q=docker");
  assert.equal(formGetTarget("/search", ""), "/search");
});

test("only well-formed navigation messages are read", () => {
  assert.deepEqual(readNavigateMessage({ channel: "dbl-preview", type: "navigate", method: "GET", href: "/a" }), { method: "GET", href: "/a", body: undefined });
  assert.deepEqual(readNavigateMessage({ channel: "dbl-preview", type: "navigate", method: "POST", href: "", body: "a=1" }), { method: "POST", href: "", body: "a=1" });
  for (const bad of [null, "x", [], { channel: "other", type: "navigate", method: "GET", href: "/" }, { channel: "dbl-preview", type: "navigate", method: "DELETE", href: "/" }, { channel: "dbl-preview", type: "navigate", method: "GET", href: 5 }, { channel: "dbl-preview", type: "navigate", method: "GET", href: "/", body: {} }]) {
    assert.equal(readNavigateMessage(bad), null, JSON.stringify(bad));
  }
  const throwing = new Proxy({}, { get() { throw new Error("no"); } });
  assert.equal(readNavigateMessage(throwing), null);
  assert.equal(isFrameReady({ channel: "dbl-preview", type: "frame-ready" }), true);
  assert.equal(isFrameReady({ channel: "dbl-preview", type: "show" }), false);
});

test("an HTML page starts with the policy and the navigation script, before anything of its own", () => {
  const doc = srcdocFor(response("text/html; charset=utf-8", "<!DOCTYPE html><html><head><script>evil()</script></head></html>"));
  assert.ok(doc.startsWith(`<!doctype html><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><script>`));
  assert.ok(doc.indexOf("dbl-preview") < doc.indexOf("evil()"));
  assert.equal((doc.match(/<!doctype/gi) ?? []).length, 1);
  assert.match(PREVIEW_CSP, /connect-src 'none'/);
  assert.match(PREVIEW_CSP, /default-src 'none'/);
});

test("text is shown as text, escaped; images as images; other bytes as a sentence", () => {
  assert.match(srcdocFor(response("text/plain", "<b>&hi</b>")), /<pre>&#60;b&#62;&#38;hi&#60;\/b&#62;<\/pre>/);
  assert.match(srcdocFor(response("application/json", '{"a":1}')), /<pre>\{&#34;a&#34;:1\}<\/pre>/);
  assert.match(srcdocFor(response("image/png", "PNG")), /<img alt="" src="data:image\/png;base64,UE5H">/);
  assert.match(srcdocFor(response("application/zip", "PK")), /application\/zip: 2 bytes/);
  assert.equal(isHtml(response("", "<!doctype html><p>x")), true);
  assert.equal(isHtml(response("", "hello")), false);
});
