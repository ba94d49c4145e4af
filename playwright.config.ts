import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./scripts/chromium";

// E2E tests run against the built static site (`npm run build` first), served by
// scripts/serve.mjs with production headers. Chromium is Debian's (/usr/bin/chromium):
// `npx playwright install` cannot download browsers here, and is never needed.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  // e2e/nginx/: the smoke tests against nginx (playwright.nginx.config.ts).
  testIgnore: "nginx/**",
  outputDir: "test-results",
  // One emulator at a time: the machine has 2 cores and the guest is slow.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A test that boots the guest can take minutes.
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  globalTimeout: 60 * 60_000,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  use: {
    baseURL,
    // No screencast in the trace: it made every guest command 3-4x slower (a first `docker pull
    // hello-world`: 41-44 s without a trace, 49 s with DOM snapshots only, 143 s with screenshots).
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    video: "off",
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: [
    {
      command: "node scripts/serve.mjs",
      env: { PORT: String(PORT) },
      url: `${baseURL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A second site for e2e/embed.spec.ts: an instructor's course page that frames an exercise.
      command: "node e2e/fixtures/embed-host/server.mjs",
      env: { PORT: String(PORT + 1) },
      url: `http://127.0.0.1:${PORT + 1}/host.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
