// The site as a real web server serves it: nginx with docs/deploy.md's configuration
// (playwright.nginx.config.ts starts it). The home page, the sandbox to a live prompt and a real
// docker command, and one lesson's exercise check.

import { expect, test } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText, typeCommand } from "../terminal";

test("the home page renders under nginx's headers and obeys its CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await page.goto("/en/");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers.server).toMatch(/^nginx/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn Docker by using the real thing");
  await page.getByTestId("theme-toggle").click(); // hydrated and interactive under the CSP
  expect(violations).toEqual([]);
  expect((await page.request.get("/en/no-such-page/")).status()).toBe(404);
});

test("the sandbox downloads the machine's parts, resumes it and runs a real docker command", async ({ page }, testInfo) => {
  const parts: { url: string; status: number; type: string; encoding?: string }[] = [];
  // The context sees the requests of the emulator's worker too.
  page.context().on("response", (response) => {
    if (/\/state\/state-\d+\.bin\.zst$/.test(response.url())) {
      const headers = response.headers();
      parts.push({ url: response.url(), status: response.status(), type: headers["content-type"], encoding: headers["content-encoding"] });
    }
  });
  const manifest = await (await page.request.get("/guest/manifest.json")).json();
  await page.goto("/en/play/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@lab:~# $/m);

  // Every part, whole-file GETs, served as they are.
  // (The service worker's own fetch of a part, for the offline precache, is seen here too.)
  expect([...new Set(parts.map((p) => new URL(p.url).pathname))].sort()).toEqual(
    manifest.state.parts.map((p: { file: string }) => `/guest/${manifest.base}${p.file}`).sort(),
  );
  for (const part of parts) expect(part, part.url).toMatchObject({ status: 200, type: "application/zstd", encoding: undefined });

  await page.getByTestId("terminal").click();
  await typeCommand(page, "docker ps -a", /CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS[\s\S]*root@lab:~# $/m);
  await page.screenshot({ path: testInfo.outputPath("nginx-play.png") });
});

test("a lesson's exercise passes when the learner types its solution", async ({ page }) => {
  await page.goto("/en/learn/tag/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  const exercise = page.getByTestId("exercise-tag-greeting");
  await expect(exercise).toHaveAttribute("data-state", "pending");
  await page.getByTestId("terminal").click();
  const before = (await terminalText(page)).length;
  await page.keyboard.type("docker pull -q hello-world && docker tag hello-world greeting:v1 && docker images greeting\n");
  await expectOutputAfter(page, before, /greeting\s+v1[\s\S]*# $/);
  await expect(exercise).toHaveAttribute("data-state", "passed", { timeout: 120_000 });
});
