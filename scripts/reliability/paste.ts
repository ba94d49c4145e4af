// Row "paste": pastes into the real terminal of the real page in Chromium (test mode, no guest),
// as a browser delivers them (a paste event on xterm's textarea with the text in clipboardData).
// What reaches the guest is read from window.__dblTerminalTest.sent, which goes through the same
// paced adapter as the guest's input. Checks: a short paste goes at once; a 200 KB paste arrives
// whole, in order, in chunks of at most 1 KiB, no faster than 1 KiB per 25 ms, without stalling
// the tab; a 10 MB paste asks first, at once and without stalling the tab, and sends nothing until
// confirmed (nothing at all if cancelled); Ctrl+C during it drops the rest and closes
// bracketed-paste mode.

import type { Page } from "playwright";
import { openTestPage } from "./pages";
import { Tally, type Suite } from "./suite";

const CHUNK = 1024;
const INTERVAL = 25;
const START = "\x1b[200~";
const END = "\x1b[201~";

/**
 * Hands the page `text`, and returns the paste of it the way a browser does it: a paste event at
 * xterm's textarea. Staged first, so that timing a big paste does not time the handing over.
 */
async function stagePaste(page: Page, text: string): Promise<() => Promise<void>> {
  await page.evaluate((t) => ((window as unknown as { __pasteText: string }).__pasteText = t), text);
  return () =>
    page.evaluate(() => {
      const target = document.querySelector("[data-testid=terminal] textarea")!;
      const data = new DataTransfer();
      data.setData("text/plain", (window as unknown as { __pasteText: string }).__pasteText);
      target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
}

const paste = async (page: Page, text: string) => (await stagePaste(page, text))();

const sent = (page: Page, from = 0) => page.evaluate((i) => window.__dblTerminalTest!.sent.slice(i), from);
const sentCount = (page: Page) => page.evaluate(() => window.__dblTerminalTest!.sent.length);
const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

// The longest gap between animation frames, from now until `stopFrameProbe`. As strings: tsx
// would wrap a named function in helpers the page lacks.
const startFrameProbe = `(() => {
  let last = performance.now();
  window.__frameGap = 0;
  window.__frames = true;
  const tick = (now) => {
    window.__frameGap = Math.max(window.__frameGap, now - last);
    last = now;
    if (window.__frames) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const stopFrameProbe = "window.__frames = false, window.__frameGap";

/** Deterministic text with lines, tabs and multi-byte characters (so chunks meet UTF-8 edges). */
function text(bytes: number, seed: number): string {
  const words = ["docker", "run", "--rm", "busybox", "echo", "拉取", "镜像", "🐳", "\t", "layer", "sha256:0a1b2c"];
  const parts: string[] = [];
  let size = 0;
  let x = seed;
  while (size < bytes) {
    x = (x * 1103515245 + 12345) >>> 0;
    const part = words[x % words.length] + (x % 7 === 0 ? "\n" : " ");
    parts.push(part);
    size += utf8(part);
  }
  return parts.join("");
}

export const pasteFlood: Suite = {
  name: "paste",
  needs: "browser",
  async run(ctx) {
    const watched = await openTestPage(ctx, "/en/play/");
    const { page, counts } = watched;
    const tally = new Tally();
    let figure = "";
    try {
      await page.addStyleTag({ content: 'div:has(> [data-testid="boot-screen"]) { display: none !important; }' });
      await page.waitForFunction(() => !!window.__dblTerminalTest && window.__dblTerminalTest.cols > 20, null, { timeout: 30_000 });
      // The guest's bash turns bracketed paste on; play its part.
      await page.evaluate(() => window.__dblTerminalTest!.write("\x1b[?2004h$ "));
      const dialog = page.getByTestId("paste-confirm");

      // 1. A short paste goes out at once, in one piece.
      let from = await sentCount(page);
      await paste(page, "docker images");
      const short = await sent(page, from);
      tally.check("short paste sent at once", short.map((s) => s.data).join("") === `${START}docker images${END}` && short.at(-1)!.at - short[0].at < 20, JSON.stringify(short).slice(0, 200));

      // 2. 200 KB: whole, in order, chunked, paced, and the tab keeps painting frames.
      const medium = text(200_000, 7);
      from = await sentCount(page);
      await page.evaluate(startFrameProbe);
      await paste(page, medium);
      const expectedPieces = Math.ceil(utf8(medium) / CHUNK) + 2;
      await page.waitForFunction(([i, n]) => window.__dblTerminalTest!.sent.length >= i + n, [from, expectedPieces] as const, { timeout: 60_000, polling: 100 });
      const pieces = await sent(page, from);
      const frameGap = (await page.evaluate(stopFrameProbe)) as number;
      const joined = pieces.map((p) => p.data).join("");
      const biggest = Math.max(...pieces.map((p) => utf8(p.data)));
      const span = pieces.at(-1)!.at - pieces[0].at;
      const chunks = pieces.filter((p) => p.data !== START && p.data !== END).length;
      tally.check("200 KB arrives whole and in order", joined === START + medium.replace(/\r?\n/g, "\r") + END, `got ${utf8(joined)} bytes`);
      tally.check("no piece over 1 KiB", biggest <= CHUNK, `biggest ${biggest} B`);
      // Paced: each full chunk is followed by a 25 ms wait, so n chunks span at least (n-1)·25 ms.
      tally.check("paced at ≤ 1 KiB per 25 ms", span >= (chunks - 1) * INTERVAL * 0.95, `${chunks} chunks in ${Math.round(span)} ms`);
      tally.check("no question below 1 MiB", !(await dialog.isVisible()), "the confirmation showed");
      tally.check("tab keeps painting (longest frame gap < 250 ms)", frameGap < 250, `longest frame gap ${Math.round(frameGap)} ms`);
      figure = `200 KB: ${chunks} chunks in ${(span / 1000).toFixed(1)} s, max ${biggest} B, longest frame gap ${Math.round(frameGap)} ms`;

      // 3. 10 MB asks first, without a hang; cancel sends nothing.
      const pasteLarge = await stagePaste(page, text(10_000_000, 11));
      from = await sentCount(page);
      await page.evaluate(startFrameProbe);
      const pasted = Date.now();
      await pasteLarge();
      await dialog.waitFor({ state: "visible", timeout: 10_000 }).catch(() => {});
      const askedMs = Date.now() - pasted;
      const asked = await dialog.isVisible();
      await page.waitForTimeout(200);
      const beforeAnswer = (await sent(page, from)).length;
      tally.check("10 MB paste asks first, sends nothing before the answer", asked && beforeAnswer === 0, `dialog ${asked}, ${beforeAnswer} pieces sent`);
      if (asked) await page.getByTestId("paste-cancel").click();
      await page.waitForTimeout(200);
      tally.check("cancelled: nothing sent", (await sent(page, from)).length === 0 && !(await dialog.isVisible()), "something was sent");

      // 4. Confirmed: it flows, paced, the tab keeps painting; Ctrl+C drops the rest and closes paste mode.
      await pasteLarge();
      await dialog.waitFor({ state: "visible", timeout: 5_000 });
      await page.getByTestId("paste-ok").click();
      await page.waitForTimeout(1000);
      const flowing = await sent(page, from);
      const largeFrameGap = (await page.evaluate(stopFrameProbe)) as number;
      const flowedBytes = flowing.reduce((n, p) => n + utf8(p.data), 0);
      tally.check("10 MB: asked within 2 s, tab keeps painting (longest frame gap < 250 ms)", askedMs <= 2_000 && largeFrameGap < 250, `asked after ${askedMs} ms, longest frame gap ${Math.round(largeFrameGap)} ms`);
      tally.check("confirmed: sent paced", flowing[0]?.data === START && flowedBytes > 10 * CHUNK && flowedBytes < 80 * CHUNK, `${flowedBytes} B in the first second`);
      await page.getByTestId("terminal").locator("textarea").focus();
      await page.keyboard.press("Control+C");
      await page.waitForTimeout(300);
      const afterCtrlC = await sent(page, from);
      await page.waitForTimeout(500);
      const later = await sent(page, from);
      const tail = afterCtrlC.slice(-2).map((p) => p.data);
      tally.check("Ctrl+C drops the rest and closes paste mode", later.length === afterCtrlC.length && tail[0] === END && tail[1] === "\x03", `tail ${JSON.stringify(tail)}, ${later.length - afterCtrlC.length} more after`);
      figure += `; 10 MB asked first after ${askedMs} ms (longest frame gap ${Math.round(largeFrameGap)} ms), Ctrl+C stopped it after ${Math.round(flowedBytes / 1024)} KiB`;
      if (counts.crashes || counts.pageErrors.length) tally.fail(`tab crashes ${counts.crashes}, page errors ${counts.pageErrors.join(" | ")}`);
      return tally.result(figure);
    } finally {
      await watched.close();
    }
  },
};
