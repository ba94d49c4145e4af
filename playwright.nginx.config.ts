import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The smoke tests (e2e/nginx/) against out/ served by a real nginx, configured by the nginx block
// of docs/deploy.md (scripts/nginx-site.mjs reads it from the doc each time). `npm run test:e2e`
// runs them after playwright.config.ts's tests; `bash scripts/build.sh` first. Everything else
// (one worker, timeouts, traces, Debian's Chromium) is playwright.config.ts's.

const PORT = Number(process.env.E2E_NGINX_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  ...base,
  testDir: "e2e/nginx",
  testIgnore: undefined,
  outputDir: "test-results/nginx",
  globalTimeout: 30 * 60_000,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report/nginx" }]] : "list",
  use: { ...base.use, baseURL },
  projects: base.projects!.map((project) => ({ ...project, name: "nginx" })),
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
