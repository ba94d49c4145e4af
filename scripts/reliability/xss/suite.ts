// Row "XSS corpus": 50 hostile Markdown snippets rendered by the site's real pipeline
// (render.ts), each loaded as a page in Chromium WITHOUT the site's CSP, so that only the
// sanitizer stands between the payload and the page. In each page every element gets the events
// that fire handlers, every link, button and summary is clicked (http(s) links are stopped
// before they leave; anything else may go ahead and would be counted), and every URL-bearing
// attribute is read. A case passes with no __xss() call, no dialog, no navigation, no popup and
// no URL other than http(s) or relative. Three unsanitized controls must be caught first.

import type { Page } from "playwright";
import { Tally, type Suite } from "../suite";
import { CONTROLS, XSS_CASES } from "./cases";
import { lessonHtml, page as wrap } from "./render";

/** Runs in the page: fire handlers, click everything, list URLs that are not http(s)/relative. */
function exercise(): Promise<string[]> {
  const badUrls: string[] = [];
  const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "cite", "longdesc", "srcdoc", "style"];
  document.addEventListener(
    "click",
    (event) => {
      const a = (event.target as Element | null)?.closest?.("a[href], area[href]") as HTMLAnchorElement | null;
      if (a && (a.protocol === "http:" || a.protocol === "https:")) event.preventDefault(); // a lesson's normal link
    },
    true,
  );
  const all = Array.from(document.querySelectorAll("body *"));
  for (const el of all) {
    for (const attr of URL_ATTRS) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      if (attr === "srcdoc" || (attr === "style" && /url\(|expression/i.test(value))) {
        badUrls.push(`${el.tagName.toLowerCase()}[${attr}]=${value.slice(0, 60)}`);
        continue;
      }
      if (attr === "style") continue;
      const first = attr === "srcset" ? value.trim().split(/\s+/)[0] : value;
      let protocol = "";
      try {
        protocol = new URL(first, location.href).protocol;
      } catch {
        protocol = "unparsable";
      }
      if (protocol !== "http:" && protocol !== "https:") badUrls.push(`${el.tagName.toLowerCase()}[${attr}]=${value.slice(0, 60)}`);
    }
    for (const type of ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "focus", "focusin", "blur", "pointerdown", "toggle", "animationstart", "load", "error", "input", "change", "keydown"]) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
    if (el instanceof HTMLElement && el.matches("a, area, button, summary, input, label")) el.click();
    if (el instanceof HTMLFormElement) {
      try {
        el.requestSubmit();
      } catch {
        // not submittable
      }
    }
  }
  return new Promise((resolve) => setTimeout(() => resolve(badUrls), 300));
}

interface Outcome {
  calls: number;
  dialogs: number;
  navigations: number;
  popups: number;
  badUrls: string[];
}

async function load(page: Page, url: string, html: string, seen: { calls: number[]; dialogs: number; navigations: string[]; popups: number }): Promise<Outcome> {
  const before = { calls: seen.calls.length, dialogs: seen.dialogs, navigations: seen.navigations.length, popups: seen.popups };
  await page.bringToFront(); // a background tab would refuse dialogs without a "dialog" event
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await page.goto(url, { waitUntil: "load" });
  const loadedNavigations = seen.navigations.length; // the goto itself
  await page.waitForTimeout(150); // onload/onerror handlers, meta refresh, autofocus
  const badUrls = await page.evaluate(exercise).catch((err) => [`page went away: ${String(err).slice(0, 80)}`]);
  await page.waitForTimeout(150);
  await page.unroute(url);
  return {
    calls: seen.calls.length - before.calls,
    dialogs: seen.dialogs - before.dialogs,
    navigations: seen.navigations.length - loadedNavigations,
    popups: seen.popups - before.popups,
    badUrls,
  };
}

export const xssCorpus: Suite = {
  name: "XSS corpus",
  needs: "browser",
  async run(ctx) {
    const browser = await ctx.browser();
    const base = await ctx.site(); // a real http origin for the pages (served by the route, not the server)
    const context = await browser.newContext();
    const seen = { calls: [] as number[], dialogs: 0, navigations: [] as string[], popups: 0 };
    await context.exposeBinding("__xss", (_source, n: number) => void seen.calls.push(n));
    const page = await context.newPage();
    context.on("page", (p) => {
      seen.popups++;
      void p.close().catch(() => {});
    });
    page.on("dialog", (d) => {
      seen.dialogs++;
      void d.dismiss().catch(() => {});
    });
    page.on("framenavigated", (f) => f === page.mainFrame() && seen.navigations.push(f.url()));
    const tally = new Tally();
    try {
      for (const [i, raw] of CONTROLS.entries()) {
        const o = await load(page, `${base}/__xss/control-${i}.html`, wrap(raw), seen);
        if (o.calls + o.dialogs + o.navigations + o.popups === 0) throw new Error(`control ${i} (${raw}) ran nothing: the harness cannot see script run`);
      }
      seen.popups = 0; // the controls' counts are not the corpus's
      const totals = { calls: 0, dialogs: 0, navigations: 0, popups: 0, badUrls: 0 };
      for (const [i, markdown] of XSS_CASES.entries()) {
        const o = await load(page, `${base}/__xss/case-${i + 1}.html`, wrap(lessonHtml(markdown)), seen);
        totals.calls += o.calls;
        totals.dialogs += o.dialogs;
        totals.navigations += o.navigations;
        totals.popups += o.popups;
        totals.badUrls += o.badUrls.length;
        const ok = o.calls + o.dialogs + o.navigations + o.popups + o.badUrls.length === 0;
        tally.check(`case ${i + 1}: ${markdown.slice(0, 50)}`, ok, `calls ${o.calls}, dialogs ${o.dialogs}, navigations ${o.navigations}, popups ${o.popups}, URLs ${o.badUrls.join(" ")}`);
      }
      const executed = tally.trials - tally.passed;
      return tally.result(`${executed} execute (${totals.calls} script calls, ${totals.dialogs} dialogs, ${totals.navigations} navigations, ${totals.popups} popups, ${totals.badUrls} non-http(s) URLs)`);
    } finally {
      await context.close();
    }
  },
};
