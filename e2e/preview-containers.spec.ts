// The preview of containers on the real guest in Chromium, as a web tutorial goes: nginx published
// with -p shows its welcome page, and a Flask app built FROM python counts its visits in redis,
// one more on each reload of the preview.

import { expect, test, type Page } from "@playwright/test";
import { READY_TIMEOUT, terminalText, typeCommand } from "./terminal";

/** The marker a command echoes as `word-$((6*7))`, so the typed line itself never matches. */
const PROMPT_AFTER = (word: string) => new RegExp(`^${word}-42\\s*$[\\s\\S]*root@lab:[^#]*# $`, "m");

async function openReadySandbox(page: Page) {
  await page.goto("/en/play/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();
}

async function openPreview(page: Page, port: number) {
  const notice = page.getByTestId("port-notice").filter({ hasText: String(port) });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await notice.getByTestId("port-preview").click();
  await expect(page.getByTestId("preview-pane")).toHaveAttribute("data-state", "page", { timeout: 60_000 });
  return page.frameLocator('[data-testid="preview-frame"]');
}

test("docker run -d -p 8080:80 nginx: the preview shows nginx's welcome page", async ({ page }, testInfo) => {
  test.setTimeout(900_000);
  await openReadySandbox(page);
  await typeCommand(page, "docker run -d -p 8080:80 nginx && echo nginx-$((6*7))", PROMPT_AFTER("nginx"));
  const frame = await openPreview(page, 8080);
  await expect(frame.locator("h1")).toHaveText("Welcome to nginx!");
  await page.screenshot({ path: testInfo.outputPath("nginx-preview.png") });
});

test("a Flask app counting visits in redis counts up on each reload of the preview", async ({ page }, testInfo) => {
  test.setTimeout(900_000);
  await openReadySandbox(page);
  const app = [
    "from flask import Flask",
    "from redis import Redis",
    "app = Flask(__name__)",
    "cache = Redis(host='redis')",
    "@app.route('/')",
    "def hello():",
    "    return '<h1>Seen %d times</h1>' % cache.incr('hits')",
    "app.run(host='0.0.0.0', port=5000)",
  ].join("\n");
  const write = [
    "mkdir -p counter && cd counter",
    `echo ${Buffer.from(app).toString("base64")} | base64 -d > app.py`,
    `printf 'FROM python\\nCOPY app.py /\\nCMD ["python", "/app.py"]\\n' > Dockerfile`,
    "docker build -q -t counter . >/dev/null && echo built-$((6*7))",
  ].join(" && ");
  await typeCommand(page, write, PROMPT_AFTER("built"));
  await typeCommand(
    page,
    "docker network create counter-net >/dev/null && docker run -d --name redis --network counter-net redis >/dev/null && docker run -d --network counter-net -p 5000:5000 counter >/dev/null && echo app-$((6*7))",
    PROMPT_AFTER("app"),
  );
  const frame = await openPreview(page, 5000);
  // Flask needs a moment after its port opens; the first answer may be a refusal.
  const heading = frame.locator("h1");
  await expect(async () => {
    await page.getByTestId("preview-reload").click();
    await expect(heading).toHaveText(/^Seen \d+ times$/, { timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
  const count = Number((await heading.textContent())!.match(/\d+/)![0]);
  await page.getByTestId("preview-reload").click();
  await expect(heading).toHaveText(`Seen ${count + 1} times`, { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("counter-preview.png") });
});
