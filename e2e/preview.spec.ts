// The preview against the real guest in Chromium: a web server in the machine (busybox httpd, the
// site in e2e/fixtures/preview-site/), the "Port 8080 is open: Preview" notice, the page in the
// sandboxed frame with its links, form post and reload, a port that stops answering, and a
// hostile page that tries to read the site's storage and script the page around it.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { READY_TIMEOUT, terminalText, typeCommand } from "./terminal";

const SITE = fileURLToPath(new URL("./fixtures/preview-site", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

/** One command line that writes the fixture site to /tmp/site in the guest. */
function writeSiteCommand(): string {
  const parts = ["mkdir -p /tmp/site/cgi-bin"];
  for (const file of files(SITE)) {
    const b64 = readFileSync(file).toString("base64");
    parts.push(`echo ${b64} | base64 -d >/tmp/site/${relative(SITE, file)}`);
  }
  parts.push("chmod +x /tmp/site/cgi-bin/*", "echo site-$((6*7))");
  return parts.join(" && ");
}

async function openReadySandbox(page: Page) {
  await page.goto("/en/play/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();
}

async function run(page: Page, command: string, expected: RegExp) {
  const before = (await terminalText(page)).length;
  await page.keyboard.insertText(command);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await terminalText(page)).slice(before), { timeout: 120_000 }).toMatch(expected);
}

test("a port that opens in the machine is previewed in a sealed frame", async ({ page }, testInfo) => {
  await openReadySandbox(page);
  await run(page, writeSiteCommand(), /^site-42\s*$[\s\S]*root@lab:~# $/m);
  await typeCommand(page, "busybox httpd -p 8080 -h /tmp/site && echo started", /^started\s*$[\s\S]*# $/m);

  const notice = page.getByTestId("port-notice").filter({ hasText: "8080" });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText("Port 8080 is open:");
  await notice.getByTestId("port-preview").click();

  const pane = page.getByTestId("preview-pane");
  await expect(pane).toHaveAttribute("data-state", "page", { timeout: 60_000 });
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");
  // The stylesheet came through the agent and was inlined.
  await expect(frame.locator("h1")).toHaveCSS("color", "rgb(3, 105, 161)");
  const firstByteMs = Number(await pane.getAttribute("data-first-byte-ms"));
  console.log(JSON.stringify({ previewFirstByteMs: firstByteMs }));
  testInfo.annotations.push({ type: "previewFirstByteMs", description: String(firstByteMs) });
  expect(firstByteMs).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath("preview-pane.png") });

  // The iframe is sandboxed without allow-same-origin.
  const sandboxAttr = await page.getByTestId("preview-frame").getAttribute("sandbox");
  expect(sandboxAttr).toBe("allow-scripts allow-forms");

  // A link, and back.
  await frame.getByRole("link", { name: "About this site" }).click();
  await expect(frame.locator("#about")).toHaveText(/served from a Linux machine/);
  await expect(pane).toHaveAttribute("data-target", "/about.html");
  await page.getByTestId("preview-back").click();
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");

  // A link out of the machine is not followed.
  await frame.getByRole("link", { name: "A site outside" }).click();
  await expect(page.getByTestId("preview-leaves")).toBeVisible();
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");

  // A form post reaches the server with its fields.
  await frame.locator("input[name=name]").fill("Grace");
  await frame.getByRole("button", { name: "Sign" }).click();
  await expect(frame.locator("#signed")).toHaveText("name=Grace signed (POST).");
  await frame.getByRole("link", { name: "Back" }).click();
  await expect(frame.locator("h1")).toHaveText("Class 7B guestbook");

  // A change in the machine shows on reload.
  await page.getByTestId("terminal").click();
  await typeCommand(page, "sed -i s/version\\ 1/version\\ 2/ /tmp/site/index.html && echo edited", /^edited\s*$[\s\S]*# $/m);
  await page.getByTestId("preview-reload").click();
  await expect(frame.locator("#version")).toHaveText("Served by busybox httpd, version 2.");
  console.log(JSON.stringify({ previewReloadFirstByteMs: Number(await pane.getAttribute("data-last-ms")) }));

  // A server that stopped: a clear message, not a hung pane.
  await page.getByTestId("terminal").click();
  await typeCommand(page, "pkill -f 'busybox httpd -p 8080'; echo stopped", /^stopped\s*$[\s\S]*# $/m);
  const started = Date.now();
  await page.getByTestId("preview-reload").click();
  await expect(page.getByTestId("preview-error")).toHaveAttribute("data-kind", "refused", { timeout: 30_000 });
  await expect(page.getByTestId("preview-error")).toContainText("Nothing answers on port 8080");
  console.log(`refused shown in ${Date.now() - started} ms`);
});

test("a hostile page in the preview cannot read the site's storage or script the page", async ({ page, context }, testInfo) => {
  await openReadySandbox(page);
  // Something of the site's in its storage, to see it untouched.
  await page.evaluate(() => localStorage.setItem("dbl:probe", "kept"));
  await run(page, writeSiteCommand(), /^site-42\s*$[\s\S]*root@lab:~# $/m);
  await typeCommand(page, "busybox httpd -p 8081 -h /tmp/site && echo started", /^started\s*$[\s\S]*# $/m);
  const notice = page.getByTestId("port-notice").filter({ hasText: "8081" });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await notice.getByTestId("port-preview").click();
  const pane = page.getByTestId("preview-pane");
  await expect(pane).toHaveAttribute("data-state", "page", { timeout: 60_000 });

  // Go to the hostile page by the address bar's way: a link the test adds is not needed; the
  // preview's own navigation message is what a page would send.
  const popups: string[] = [];
  context.on("page", (p) => popups.push(p.url()));
  const frameHandle = await page.getByTestId("preview-frame").elementHandle();
  const child = await frameHandle!.contentFrame();
  await child!.evaluate(() => parent.postMessage({ channel: "dbl-preview", type: "navigate", method: "GET", href: "/evil.html" }, "*"));
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator("h1")).toHaveText("Hostile page", { timeout: 60_000 });
  await expect(frame.locator("#out")).toContainText("fetch:", { timeout: 10_000 });
  const out = await frame.locator("#out").textContent();
  console.log(out);
  await page.screenshot({ path: testInfo.outputPath("hostile.png") });

  expect(out).toMatch(/^idb:SecurityError$/m);
  expect(out).toMatch(/^parent-document:SecurityError$/m);
  expect(out).toMatch(/^parent-storage:SecurityError$/m);
  expect(out).toMatch(/^storage:SecurityError$/m);
  expect(out).toMatch(/^origin:null$/m);
  expect(out).toMatch(/^fetch:blocked$/m);
  expect(out).toMatch(/^top-navigation:SecurityError$/m);
  expect(out).toMatch(/^popup:blocked$/m);
  expect(out).not.toMatch(/idb:success|parent-title:|parent-storage:ok|storage:ok/);
  // The page is where it was, nothing opened, and the site's storage is as it was.
  await page.waitForTimeout(500);
  expect(new URL(page.url()).pathname).toBe("/en/play/");
  expect(popups).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem("dbl:probe"))).toBe("kept");
  expect(await page.evaluate(() => localStorage.getItem("x"))).toBeNull();
});
