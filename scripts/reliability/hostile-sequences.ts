// Row "hostile sequences": what the guest prints goes into the real xterm.js of the real page in
// Chromium (test mode: the guest is not started; window.__dblTerminalTest.write plays its part,
// writing bytes into the same terminal). Sequences: OSC 8 hyperlinks to javascript:, data:,
// file: and other schemes, each clicked like a learner would; OSC 52 clipboard writes and
// queries; window operations (CSI … t) and title changes. Each must change nothing: no
// navigation, popup or dialog, no script run, the clipboard as it was, the window and terminal
// the same size, the title the same, and no reply sent back to the guest. An http(s) OSC 8 link,
// clicked before and after, must ask and open: the clicks reach links, so the zeros mean something.

import type { Page } from "playwright";
import { openTestPage } from "./pages";
import { Tally, type Suite } from "./suite";

const ESC = "\x1b";
const ST = `${ESC}\\`;
const BEL = "\x07";
const osc8 = (uri: string, label: string, params = "") => `${ESC}]8;${params};${uri}${ST}${label}${ESC}]8;;${ST}`;
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Each sets window.__pwned if its script ever runs. */
export const HOSTILE_LINKS: Array<[string, string]> = [
  ["javascript:", "javascript:window.__pwned='js'"],
  ["JaVaScRiPt: (mixed case)", "JaVaScRiPt:window.__pwned='js-case'"],
  ["javascript: after a tab", "\tjavascript:window.__pwned='js-tab'"],
  ["javascript: percent-encoded", "javascript:window.__pwned%3D'js-pct'"],
  ["javascript: with an id parameter", "javascript:window.__pwned='js-id'"],
  ["data: HTML", "data:text/html,<script>opener&&(opener.__pwned='data')</script>"],
  ["data: base64 HTML", `data:text/html;base64,${b64("<script>opener&&(opener.__pwned='data64')</script>")}`],
  ["data: SVG", "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='opener.__pwned=1'/>"],
  ["file:", "file:///etc/passwd"],
  ["file://localhost", "file://localhost/etc/shadow"],
  ["vbscript:", "vbscript:msgbox(1)"],
  ["blob:", "blob:http://127.0.0.1/00000000-0000-0000-0000-000000000000"],
  ["chrome:", "chrome://settings"],
  ["view-source:", "view-source:http://127.0.0.1/"],
  ["about:", "about:blank"],
  ["relative path", "/en/licenses/"],
  ["scheme-relative", "//example.com/"],
];

export const CLIPBOARD_WRITES: Array<[string, string]> = [
  ["OSC 52 c, BEL", `${ESC}]52;c;${b64("rm -rf / # from OSC 52")}${BEL}`],
  ["OSC 52 c, ST", `${ESC}]52;c;${b64("pwned-st")}${ST}`],
  ["OSC 52 empty target", `${ESC}]52;;${b64("pwned-empty")}${BEL}`],
  ["OSC 52 primary", `${ESC}]52;p;${b64("pwned-primary")}${BEL}`],
  ["OSC 52 select/cut buffer", `${ESC}]52;s0;${b64("pwned-s0")}${BEL}`],
  ["OSC 52 all targets", `${ESC}]52;cpqs01234567;${b64("pwned-all")}${BEL}`],
  ["OSC 52 clear", `${ESC}]52;c;!${BEL}`],
  ["OSC 52 query", `${ESC}]52;c;?${BEL}`],
];

export const WINDOW_OPS: Array<[string, string]> = [
  ["de-iconify", `${ESC}[1t`],
  ["iconify", `${ESC}[2t`],
  ["move window", `${ESC}[3;0;0t`],
  ["resize window (pixels)", `${ESC}[4;2000;3000t`],
  ["raise", `${ESC}[5t`],
  ["lower", `${ESC}[6t`],
  ["refresh", `${ESC}[7t`],
  ["resize text area", `${ESC}[8;100;300t`],
  ["maximize", `${ESC}[9;1t`],
  ["full screen", `${ESC}[10;1t`],
  ["report state", `${ESC}[11t`],
  ["report position", `${ESC}[13t`],
  ["report size (pixels)", `${ESC}[14t`],
  ["report screen size", `${ESC}[15t`],
  ["report cell size", `${ESC}[16t`],
  ["report size (chars)", `${ESC}[18t`],
  ["report screen (chars)", `${ESC}[19t`],
  ["report icon label", `${ESC}[20t`],
  ["report title", `${ESC}[21t`],
  ["push title", `${ESC}[22;0t`],
  ["pop title", `${ESC}[23;0t`],
  ["resize to 60 lines", `${ESC}[60t`],
  ["set title (OSC 0)", `${ESC}]0;PWNED${BEL}`],
  ["set title (OSC 2)", `${ESC}]2;PWNED${ST}`],
  ["DECCOLM 132 columns", `${ESC}[?3h`],
];

interface Snapshot {
  title: string;
  outer: string;
  inner: string;
  screenPos: string;
  fullscreen: boolean;
  cols: number;
  rows: number;
  sent: number;
  pwned: unknown;
  url: string;
}

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const t = window.__dblTerminalTest!;
    return {
      title: document.title,
      outer: `${window.outerWidth}x${window.outerHeight}`,
      inner: `${window.innerWidth}x${window.innerHeight}`,
      screenPos: `${window.screenX},${window.screenY}`,
      fullscreen: !!document.fullscreenElement,
      cols: t.cols,
      rows: t.rows,
      sent: t.sent.length,
      pwned: (window as any).__pwned,
      url: location.href,
    };
  });
}

export const write = (page: Page, text: string) => page.evaluate((s) => window.__dblTerminalTest!.write(s), text);
const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Clears the screen, prints a link at the top left, and clicks its third cell like a learner. */
export async function clickLink(page: Page, uri: string, params = ""): Promise<void> {
  await write(page, `${ESC}[2J${ESC}[H${osc8(uri, "CLICK-THIS-LINK", params)}\r\n`);
  const box = await page.evaluate(() => {
    const t = window.__dblTerminalTest!;
    return { ...t.screen(), cols: t.cols, rows: t.rows };
  });
  const x = box.left + (box.width / box.cols) * 2.5;
  const y = box.top + (box.height / box.rows) * 0.5;
  // xterm looks for links when the mouse comes onto a line, and keeps the answer while it stays
  // on that line: come from another line, or the previous trial's answer would be reused.
  await page.mouse.move(x, box.top + (box.height / box.rows) * 4.5);
  await page.waitForTimeout(50);
  await page.mouse.move(x, y, { steps: 3 });
  await page.waitForTimeout(150);
  await page.mouse.click(x, y);
  await page.waitForTimeout(350); // a popup, dialog or navigation would have started by now
  await page.mouse.move(1, 1);
}

export const hostileSequences: Suite = {
  name: "hostile sequences",
  needs: "browser",
  async run(ctx) {
    const base = await ctx.site();
    const watched = await openTestPage(ctx, "/en/play/", { permissions: ["clipboard-read", "clipboard-write"], onDialog: "accept" });
    const { page, counts } = watched;
    const tally = new Tally();
    try {
      // The guest is not started here, so its loading screen would cover the terminal: hide it.
      await page.addStyleTag({ content: 'div:has(> [data-testid="boot-screen"]) { display: none !important; }' });
      await page.waitForFunction(() => !!window.__dblTerminalTest && window.__dblTerminalTest.cols > 20, null, { timeout: 30_000 });
      await page.bringToFront();

      // Control: an http link asks (one dialog showing the address) and opens one tab.
      const control = async (when: string) => {
        const before = { dialogs: counts.dialogs.length, popups: counts.popups.length };
        const url = `${base}/en/licenses/?from=terminal-${when}`;
        await clickLink(page, url);
        await page.waitForTimeout(300);
        const dialogs = counts.dialogs.slice(before.dialogs);
        const popups = counts.popups.slice(before.popups);
        for (const p of watched.context.pages()) if (p !== page) await p.close();
        // Back to the front: Chromium silently refuses dialogs (confirm() returns false) in a
        // background tab, which would make the zeros below meaningless.
        await page.bringToFront();
        if (dialogs.length !== 1 || !dialogs[0].includes(url) || !popups.includes(url)) {
          return `control (${when}): an http(s) OSC 8 link should ask once and open it; dialogs ${JSON.stringify(dialogs)}, popups ${JSON.stringify(popups)}`;
        }
        return "";
      };
      const before = await control("before");
      if (before) throw new Error(before); // the clicks do not reach links: the rest would prove nothing
      const sentinel = `clipboard-sentinel-${Date.now()}`;
      await page.evaluate((s) => navigator.clipboard.writeText(s), sentinel);
      if ((await readClipboard(page)) !== sentinel) throw new Error("cannot read back the clipboard: the OSC 52 checks would prove nothing");
      const baseline = { dialogs: counts.dialogs.length, popups: counts.popups.length, navigations: counts.navigations.length };
      const start = await snapshot(page);

      const unchanged = async (): Promise<string> => {
        const now = await snapshot(page);
        const diffs: string[] = [];
        for (const key of Object.keys(start) as (keyof Snapshot)[]) if (now[key] !== start[key]) diffs.push(`${key} ${String(start[key])} -> ${String(now[key])}`);
        if (counts.dialogs.length > baseline.dialogs) diffs.push(`dialog ${counts.dialogs.at(-1)}`);
        if (counts.popups.length > baseline.popups) diffs.push(`popup ${counts.popups.at(-1)}`);
        if (counts.navigations.length > baseline.navigations) diffs.push(`navigation ${counts.navigations.at(-1)}`);
        return diffs.join("; ");
      };

      for (const [name, uri] of HOSTILE_LINKS) {
        await clickLink(page, uri, name.includes("id parameter") ? "id=evil" : "");
        const diff = await unchanged();
        tally.check(`OSC 8 ${name}`, diff === "", diff);
      }
      let clipboardChanges = 0;
      for (const [name, seq] of CLIPBOARD_WRITES) {
        await write(page, seq);
        await page.waitForTimeout(50);
        const clip = await readClipboard(page);
        if (clip !== sentinel) clipboardChanges++;
        const diff = [await unchanged(), clip !== sentinel ? `clipboard now "${clip.slice(0, 40)}"` : ""].filter(Boolean).join("; ");
        tally.check(name, diff === "", diff);
      }
      for (const [name, seq] of WINDOW_OPS) {
        await write(page, seq);
        await page.waitForTimeout(50);
        const diff = await unchanged();
        tally.check(`window op: ${name}`, diff === "", diff);
      }

      const end = await snapshot(page);
      const figure =
        `${counts.navigations.length - baseline.navigations} navigations, ${counts.popups.length - baseline.popups} popups, ` +
        `${counts.dialogs.length - baseline.dialogs} dialogs, clipboard changed ${clipboardChanges}×, ${end.sent - start.sent} replies`;
      const after = await control("after");
      if (after) tally.fail(after);
      if (counts.crashes || counts.pageErrors.length) tally.fail(`tab crashes ${counts.crashes}, page errors: ${counts.pageErrors.join(" | ")}`);
      return tally.result(figure);
    } finally {
      await watched.close();
    }
  },
};
