// The preview frame's isolation in real Chromium, without the guest: the hostile page of
// e2e/fixtures/preview-site/evil.html, made into a document exactly as the pane makes it
// (app/_lib/preview/document.ts) and handed to /preview-frame.html in an iframe with the pane's
// sandbox flags, on a page of the site served with the site's own headers. (e2e/preview.spec.ts
// does the same through the real guest.)

import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { PREVIEW_FRAME_URL, PREVIEW_SANDBOX, srcdocFor } from "../app/_lib/preview/document";

/** What the pane does: a sandboxed frame of /preview-frame.html, sent its document when it asks. */
function mountFrame({ html, flags, url }: { html: string; flags: string; url: string }) {
  const w = window as unknown as { got: unknown[] };
  w.got = [];
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", flags);
  frame.setAttribute("data-testid", "preview-frame");
  frame.src = url;
  window.addEventListener("message", (e) => {
    if (e.source !== frame.contentWindow) return;
    if (e.data?.type === "frame-ready") frame.contentWindow!.postMessage({ channel: "dbl-preview", type: "show", html }, "*");
    else w.got.push(e.data);
  });
  document.body.prepend(frame);
}

const evil = readFileSync(new URL("./fixtures/preview-site/evil.html", import.meta.url));

test("a hostile page in the preview's frame gets no storage, no parent, no network, no top navigation", async ({ page, context }) => {
  await page.goto("/en/licenses/");
  await page.evaluate(() => localStorage.setItem("dbl:probe", "kept"));
  const srcdoc = srcdocFor({ status: 200, statusText: "OK", headers: { "content-type": "text/html" }, body: new Uint8Array(evil) });
  const popups: string[] = [];
  context.on("page", (p) => popups.push(p.url()));
  const navigations: string[] = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));

  await page.evaluate(mountFrame, { html: srcdoc, flags: PREVIEW_SANDBOX, url: PREVIEW_FRAME_URL });
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator("h1")).toHaveText("Hostile page");
  await expect(frame.locator("#out")).toContainText("fetch:");
  const out = (await frame.locator("#out").textContent()) ?? "";
  console.log(out);
  expect(out).toMatch(/^idb:SecurityError$/m);
  expect(out).toMatch(/^parent-document:SecurityError$/m);
  expect(out).toMatch(/^parent-storage:SecurityError$/m);
  expect(out).toMatch(/^storage:SecurityError$/m);
  expect(out).toMatch(/^origin:null$/m);
  expect(out).toMatch(/^fetch:blocked$/m);
  expect(out).toMatch(/^top-navigation:SecurityError$/m);
  expect(out).toMatch(/^popup:blocked$/m);
  await page.waitForTimeout(500);
  // (The site's own router may report its own address again; nothing else.)
  expect(navigations.filter((url) => new URL(url).pathname !== "/en/licenses/")).toEqual([]);
  expect(new URL(page.url()).pathname).toBe("/en/licenses/");
  expect(popups).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem("dbl:probe"))).toBe("kept");
  expect(await page.evaluate(() => localStorage.getItem("x"))).toBeNull();
});

test("the frame's links and forms come to the page as messages, from that frame only", async ({ page }) => {
  await page.goto("/en/licenses/");
  const html = '<a id="l" href="/about.html?x=1">about</a><form method="post" action="/sign"><input name="name" value="Ada Lovelace"><button id="b">Sign</button></form>';
  const srcdoc = srcdocFor({ status: 200, statusText: "OK", headers: { "content-type": "text/html" }, body: new TextEncoder().encode(html) });
  await page.evaluate(mountFrame, { html: srcdoc, flags: PREVIEW_SANDBOX, url: PREVIEW_FRAME_URL });
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await frame.locator("#l").click();
  await frame.locator("#b").click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([
    { channel: "dbl-preview", type: "navigate", method: "GET", href: "/about.html?x=1" },
    { channel: "dbl-preview", type: "navigate", method: "POST", href: "/sign", body: "name=Ada+Lovelace" },
  ]);
  expect(new URL(page.url()).pathname).toBe("/en/licenses/");
});
