// The preview in its own tab (/en/preview/?port=8080), in real Chromium without the guest: another
// tab of the site stands in for the terminal's tab and answers the preview's requests over the
// BroadcastChannel (app/_lib/preview/tab-channel.ts) with the pages of e2e/fixtures/preview-site/.
// The real pane, frame and isolation; only the machine is played by the test.

import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const SITE = new URL("./fixtures/preview-site/", import.meta.url);
const FILES: Record<string, { type: string; body: string }> = {
  "/": { type: "text/html", body: readFileSync(new URL("index.html", SITE), "utf8") },
  "/style.css": { type: "text/css", body: readFileSync(new URL("style.css", SITE), "utf8") },
  "/about.html": { type: "text/html", body: readFileSync(new URL("about.html", SITE), "utf8") },
};

/** Answers preview requests as the terminal's tab would, from `files`; records what was asked. */
async function standInForTheMachine(page: Page, files: typeof FILES, { silent = false } = {}) {
  await page.goto("/en/licenses/");
  await page.evaluate(
    ({ files, silent }) => {
      const w = window as unknown as { asked: unknown[] };
      w.asked = [];
      const channel = new BroadcastChannel("dbl-preview-tabs");
      channel.onmessage = (event) => {
        const d = event.data;
        if (d?.type !== "preview-request") return;
        w.asked.push(d.request);
        if (silent) return;
        const path = String(d.request.target).split("?")[0];
        const file = files[path];
        const signed = d.request.method === "POST" ? { type: "text/html", body: `<p id="signed">${d.request.body} signed.</p>` } : null;
        const hit = signed ?? file;
        const result = hit
          ? { ok: true, ms: 5, response: { status: 200, statusText: "OK", headers: { "content-type": hit.type }, body: new TextEncoder().encode(hit.body) } }
          : { ok: true, ms: 5, response: { status: 404, statusText: "Not Found", headers: { "content-type": "text/plain" }, body: new TextEncoder().encode("404 Not Found") } };
        channel.postMessage({ type: "preview-response", id: d.id, result });
      };
    },
    { files, silent },
  );
}

test("the preview's own tab shows the page another tab fetches, links and forms included", async ({ context, page }, testInfo) => {
  await standInForTheMachine(page, FILES);
  const tab = await context.newPage();
  await tab.goto("/en/preview/?port=8080");
  const pane = tab.getByTestId("preview-pane");
  await expect(pane).toHaveAttribute("data-state", "page");
  const frame = tab.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");
  await expect(frame.locator("h1")).toHaveCSS("color", "rgb(3, 105, 161)");
  await expect(tab.getByTestId("preview-address")).toContainText("localhost:8080/");
  await tab.screenshot({ path: testInfo.outputPath("preview-tab.png") });

  await frame.getByRole("link", { name: "About this site" }).click();
  await expect(frame.locator("#about")).toBeVisible();
  await expect(pane).toHaveAttribute("data-target", "/about.html");
  await tab.getByTestId("preview-back").click();
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");
  await frame.locator("input[name=name]").fill("Grace Hopper");
  await frame.getByRole("button", { name: "Sign" }).click();
  await expect(frame.locator("#signed")).toHaveText("name=Grace+Hopper signed.");

  // A link out of the machine stays put and says why.
  await tab.getByTestId("preview-back").click();
  await frame.getByRole("link", { name: "A site outside" }).click();
  await expect(tab.getByTestId("preview-leaves")).toContainText("only port 8080");

  const asked = await page.evaluate(() => (window as unknown as { asked: unknown[] }).asked);
  expect(asked).toContainEqual({ port: 8080, method: "POST", target: "/cgi-bin/sign", body: "name=Grace+Hopper" });
  expect(asked).toContainEqual({ port: 8080, method: "GET", target: "/style.css" });
});

test("with no tab running the machine, the preview tab says so instead of hanging", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/en/preview/?port=8080");
  await expect(page.getByTestId("preview-loading")).toBeVisible();
  await expect(page.getByTestId("preview-error")).toContainText("needs the terminal tab", { timeout: 45_000 });
});
