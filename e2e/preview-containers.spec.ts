// The preview of containers on the real guest in Chromium, on one machine as a web tutorial goes
// (the `debian` layer nginx, redis and python share is pulled once): nginx published with -p shows
// its welcome page, then Compose's getting-started app (a Flask page built FROM python that counts
// its visits in redis) counts one more on each reload of the preview.

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

/** Opens the preview of PORT from its notice; by default waits until it shows a page. */
async function openPreview(page: Page, port: number, { waitForPage = true } = {}) {
  const notice = page.getByTestId("port-notice").filter({ hasText: String(port) });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await notice.getByTestId("port-preview").click();
  await expect(page.getByTestId("preview-pane")).toHaveAttribute("data-port", String(port));
  if (waitForPage) await expect(page.getByTestId("preview-pane")).toHaveAttribute("data-state", "page", { timeout: 60_000 });
  return page.frameLocator('[data-testid="preview-frame"]');
}

test("nginx with -p, then Compose's getting-started app, in the preview", async ({ page }, testInfo) => {
  test.setTimeout(1_200_000);
  await openReadySandbox(page);

  await typeCommand(page, "docker run -d -p 8080:80 nginx && echo nginx-$((6*7))", PROMPT_AFTER("nginx"));
  let frame = await openPreview(page, 8080);
  await expect(frame.locator("h1")).toHaveText("Welcome to nginx!");
  await page.screenshot({ path: testInfo.outputPath("nginx-preview.png") });

  const files: Record<string, string> = {
    "app.py": [
      "from flask import Flask",
      "from redis import Redis",
      "app = Flask(__name__)",
      "cache = Redis(host='redis')",
      "@app.route('/')",
      "def hello():",
      "    return '<h1>Seen %d times</h1>' % cache.incr('hits')",
      "app.run(host='0.0.0.0', port=5000)",
    ].join("\n"),
    Dockerfile: 'FROM python\nCOPY app.py /\nCMD ["python", "/app.py"]\n',
    "compose.yaml": 'services:\n  web:\n    build: .\n    ports:\n      - "8000:5000"\n  redis:\n    image: redis\n',
  };
  const write = Object.entries(files).map(([name, text]) => `echo ${Buffer.from(text).toString("base64")} | base64 -d > ${name}`);
  await page.getByTestId("terminal").click();
  await typeCommand(page, ["mkdir -p counter && cd counter", ...write, "echo written-$((6*7))"].join(" && "), PROMPT_AFTER("written"));
  await typeCommand(page, "docker compose up -d && echo app-$((6*7))", PROMPT_AFTER("app"));
  // The port opens (docker-proxy) before Flask answers behind it: the first look may fail.
  frame = await openPreview(page, 8000, { waitForPage: false });
  const heading = frame.locator("h1");
  await expect(async () => {
    await page.getByTestId("preview-reload").click();
    await expect(heading).toHaveText(/^Seen \d+ times$/, { timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
  const count = Number((await heading.textContent())!.match(/\d+/)![0]);
  await page.getByTestId("preview-reload").click();
  await expect(heading).toHaveText(`Seen ${count + 1} times`, { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("compose-preview.png") });
});
