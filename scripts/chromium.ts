// How the tests, benchmarks and reliability runs launch Chromium: Debian's (`npx playwright
// install` cannot download here), headless, with one set of flags.

import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, or $CHROMIUM. */
export const CHROMIUM_PATH = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // Headless Chromium 156 is the full browser with its window hidden: every new context opens a
  // window, and every window loads the omnibox's WebUI popup (chrome://omnibox-popup.top-chrome)
  // in a renderer of its own, busy for the first seconds of every page load: on two cores, one
  // of them is taken from the page and the emulator (docs/performance.md). A learner's browser
  // does not start a window for the page, so neither should the measure.
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
];

/** Playwright's launch options for it. */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

/** Debian's Chromium (or $CHROMIUM), headless, for the scripts that drive it themselves. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}
