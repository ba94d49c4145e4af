// A fresh Chromium context on the served site with the test mode on (sessionStorage
// "dbl:test:mode" before any script runs): the page never starts the guest. Counts what a row
// must prove did not happen: tab crashes, uncaught page errors, dialogs, navigations, popups.

import type { BrowserContext, Page } from "playwright";
import type { Context } from "./suite";

export interface Watched {
  context: BrowserContext;
  page: Page;
  counts: { crashes: number; pageErrors: string[]; dialogs: string[]; navigations: string[]; popups: string[] };
  close(): Promise<void>;
}

export async function openTestPage(
  ctx: Context,
  pathname: string,
  options: { mode?: string; permissions?: string[]; onDialog?: "dismiss" | "accept" } = {},
): Promise<Watched> {
  const browser = await ctx.browser();
  const base = await ctx.site();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: base, permissions: options.permissions ?? [] });
  const mode = options.mode ?? "decide";
  await context.addInitScript((m) => sessionStorage.setItem("dbl:test:mode", m), mode);
  const page = await context.newPage(); // before the "page" listener: it is not a popup
  const counts: Watched["counts"] = { crashes: 0, pageErrors: [], dialogs: [], navigations: [], popups: [] };
  page.on("crash", () => counts.crashes++);
  page.on("pageerror", (err) => counts.pageErrors.push(err.message));
  page.on("dialog", (dialog) => {
    counts.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (options.onDialog === "accept" ? dialog.accept() : dialog.dismiss()).catch(() => {});
  });
  context.on("page", (popup) => {
    counts.popups.push(popup.url());
    popup.on("framenavigated", (f) => f === popup.mainFrame() && counts.popups.push(f.url()));
  });
  await page.goto(pathname);
  // From here on, any navigation of the main frame is one the page did not ask for.
  page.on("framenavigated", (frame) => frame === page.mainFrame() && counts.navigations.push(frame.url()));
  return { context, page, counts, close: () => context.close() };
}
