// previewFirstByteMs for bench:web (BENCH_PROFILE=preview): a fresh machine on /en/play/ runs
// `docker run -d -p 8080:80 nginx` (its first pull included, reported as nginxFirstRunMs), then
// the port's notice is clicked: from that click to the guest's first byte of nginx's welcome page
// is the figure the Preview pane itself records (data-first-byte-ms). Reloads after it are
// reported apart (previewReloadMs, median): they are what a learner waits for while working.

import type { Browser, Page } from "playwright-core";
import { median, newContext, runCommand, stats, waitReady } from "./bench-browser";

const RELOADS = 5;

async function previewAttribute(page: Page, name: string, changedFrom = ""): Promise<number> {
  const handle = await page.waitForFunction(
    ([attribute, old]) => {
      const value = document.querySelector("[data-testid=preview-pane]")?.getAttribute(attribute) ?? "";
      return value !== "" && value !== old ? value : null;
    },
    [name, changedFrom] as const,
    { timeout: 60_000, polling: 20 },
  );
  return Number(await handle.jsonValue());
}

/** The counting proxy in front of the site: what the page and its worker fetched. */
interface ByteCounter {
  bytes(): number;
  reset(): void;
}

export async function measurePreview(browser: Browser, base: string, proxy: ByteCounter, log: (...args: unknown[]) => void) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${base}/en/play/`);
    await waitReady(page);
    await page.getByTestId("terminal").click();
    const nginxFirstRunMs = await runCommand(page, "docker run -d -p 8080:80 nginx", /^[0-9a-f]{64}\s*$[\s\S]*root@lab:~# $/, 900_000);
    log(`docker run -d -p 8080:80 nginx (with its pull): ${nginxFirstRunMs} ms`);
    const notice = page.getByTestId("port-notice").filter({ hasText: "8080" });
    await notice.waitFor({ timeout: 60_000 });
    // Settled first (the port scans after the command), so the click's downloads are its own.
    await page.waitForTimeout(5_000);
    proxy.reset();
    await notice.getByTestId("port-preview").click();
    const previewFirstByteMs = await previewAttribute(page, "data-first-byte-ms");
    // What the page and its worker fetched during the click: disk parts the guest read, if nothing else.
    const firstClickBytes = proxy.bytes();
    const title = await page.frameLocator("[data-testid=preview-frame]").locator("h1").textContent({ timeout: 30_000 });
    if (title !== "Welcome to nginx!") throw new Error(`the preview shows "${title}", not nginx's welcome page`);
    log(`preview, first click: ${previewFirstByteMs} ms, ${(firstClickBytes / 1e6).toFixed(2)} MB fetched meanwhile`);
    const reloads: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      const loads = await page.getByTestId("preview-pane").getAttribute("data-loads");
      await page.getByTestId("preview-reload").click();
      await previewAttribute(page, "data-loads", loads ?? "");
      reloads.push(Number(await page.getByTestId("preview-pane").getAttribute("data-last-ms")));
    }
    log(`preview reloads: ${reloads.join(", ")} ms`);
    return { previewFirstByteMs, previewReloadMs: Math.round(median(reloads)), nginxFirstRunMs, detail: { previewReloads: stats(reloads), firstClickBytes } };
  } finally {
    await context.close();
  }
}
