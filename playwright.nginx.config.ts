import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./scripts/chromium";

// The smoke tests (e2e/nginx/) against out/ served by a real nginx, configured by the nginx block
// of docs/deploy.md (scripts/nginx-site.mjs reads it from the doc each time). `npm run test:e2e`
// runs them after playwright.config.ts's tests; `bash scripts/build.sh` first.

const PORT = Number(process.env.E2E_NGINX_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e/nginx",
  outputDir: "test-results/nginx",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  globalTimeout: 30 * 60_000,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report/nginx" }]] : "list",
  use: {
    baseURL,
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    video: "off",
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
  },
  projects: [
    {
      name: "nginx",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: {
    command: "node scripts/nginx-site.mjs",
    env: { PORT: String(PORT) },
    url: `${baseURL}/en/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
