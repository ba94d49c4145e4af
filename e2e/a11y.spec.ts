// WCAG 2.1 AA on every page of the site, in both themes and both languages, audited by axe-core
// (@axe-core/playwright) in real Chromium against the built site. Pages with a machine are audited
// at their boot screen (the machine is held back, see holdTheMachine); the terminal and the
// toolbar are on the page all the same. e2e/keyboard.spec.ts audits a lesson with its machine
// ready, and e2e/screen-reader.spec.ts the terminal in screen-reader mode.
//
// Every page, theme and language is listed in the output with its count of violations, and each
// violation with its rule, impact and the elements it found.

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { discoverPages, holdTheMachine, LOCALES, THEMES, type SitePage } from "./a11y-pages";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/**
 * axe's rules for what the issue asks beyond the success criteria' own tags: landmarks (every part
 * of the page in one, one main, none twice unnamed), headings in order, an h1 on every page.
 */
const STRUCTURE = [
  "heading-order",
  "page-has-heading-one",
  "empty-heading",
  "region",
  "landmark-one-main",
  "landmark-no-duplicate-banner",
  "landmark-no-duplicate-contentinfo",
  "landmark-no-duplicate-main",
  "landmark-unique",
  "landmark-banner-is-top-level",
  "landmark-contentinfo-is-top-level",
  "landmark-main-is-top-level",
  "landmark-complementary-is-top-level",
  "skip-link",
];

interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * One axe run per view: the WCAG tags, plus the structure rules switched on beside them (two runs
 * cost a second injection of axe into every frame, about a third of this spec's time).
 */
export async function auditPage(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(STRUCTURE.map((rule) => [rule, { enabled: true }])) })
    .withTags(WCAG_AA)
    .analyze();
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id));
  const skipped = STRUCTURE.filter((rule) => !ran.has(rule));
  expect(skipped, "every structure rule ran").toEqual([]);
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? "",
    help: v.help,
    targets: v.nodes.map((n) => `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`),
  }));
}

/**
 * Opens a page in a theme, and waits until React has hydrated it (its client parts render). A
 * page with a machine shows its terminal, except a lesson on a narrow screen, which opens on its
 * text (the terminal is behind its tab, in the page all the same).
 */
async function openPage(page: Page, target: SitePage, locale: (typeof LOCALES)[number], theme: (typeof THEMES)[number]) {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  const response = await page.goto(target.url(locale, theme));
  expect(response?.status(), target.name).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  if (target.name.startsWith("embed")) await expect(page.getByTestId("embed")).toBeVisible();
  else await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-current", theme);
  // React hydrates the page in slices: once the page is idle, every part has (a code block that
  // scrolls has joined the tab order).
  await page.evaluate(() => new Promise((done) => requestIdleCallback(done, { timeout: 5_000 })));
  if (!target.machine) return;
  const tabs = page.getByTestId("lesson-tabs");
  if (isLesson(target) && (await tabs.isVisible())) {
    await expect(page.getByTestId("lesson-tab-lesson")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("terminal-pane")).toBeAttached();
  } else await expect(page.getByTestId("terminal-pane")).toBeVisible();
}

/** A lesson's own page (not the lesson index). */
const isLesson = (target: SitePage) => target.machine && target.name.startsWith("lesson ");

/**
 * What sticks out past the window's right edge, unless a box that scrolls (a long line of code)
 * or clips it, and itself fits, holds it.
 */
async function sideways(page: Page): Promise<{ scrollWidth: number; width: number; out: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const held = (el: HTMLElement) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") return box.getBoundingClientRect().right <= width + 1;
      }
      return false;
    };
    const out = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && getComputedStyle(el).visibility !== "hidden" && !held(el);
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").slice(0, 3).join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, width, out };
  });
}

const VARIANTS = LOCALES.flatMap((locale) => THEMES.map((theme) => ({ locale, theme })));

/**
 * Every page in both languages and both themes, except an exercise's embed: it is one component
 * around the exercise's text, and that text is audited in all four on its lesson's page. So each
 * embed is audited once, the embeds taking the four variants in turn (88 views would be 22).
 */
function variantsToAudit(target: SitePage, pages: SitePage[]) {
  if (!target.name.startsWith("embed ")) return VARIANTS.map((v) => ({ target, ...v }));
  const nth = pages.filter((p) => p.name.startsWith("embed ")).indexOf(target);
  return [{ target, ...VARIANTS[nth % VARIANTS.length] }];
}

// The service worker would answer the emulator's requests itself, past page.route.
test.use({ serviceWorkers: "block" });

test("every page has no WCAG 2.1 AA violation, in both themes and both languages (an embed in one of the four)", async ({ page }) => {
  test.setTimeout(30 * 60_000);
  await holdTheMachine(page);
  const pages = await discoverPages(page);
  const views = pages.flatMap((target) => variantsToAudit(target, pages));
  const rows: string[] = [];
  let total = 0;
  for (const { target, locale, theme } of views) {
    await openPage(page, target, locale, theme);
    const findings = await auditPage(page);
    total += findings.length;
    const row = `${findings.length === 0 ? "ok  " : "FAIL"} ${target.name.padEnd(42)} ${locale} ${theme.padEnd(5)} ${findings.length} violations`;
    rows.push(row);
    console.log(row);
    for (const f of findings) {
      console.log(`       ${f.rule} (${f.impact}): ${f.help}`);
      for (const t of f.targets.slice(0, 8)) console.log(`         ${t}`);
    }
    expect.soft(findings, `${target.name} ${locale} ${theme}`).toEqual([]);
  }
  console.log(`axe (WCAG 2.1 A and AA): ${rows.length} page views audited, ${total} violations`);
});

test("nothing overflows sideways at 360 px, on every page; a lesson's narrow layout passes axe in both its views", async ({ page }) => {
  test.setTimeout(15 * 60_000);
  await holdTheMachine(page);
  const pages = await discoverPages(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const wide: string[] = [];
  for (const target of pages) {
    // An embed in one language (they take turns), as in the audit above.
    const locales = target.name.startsWith("embed ") ? [variantsToAudit(target, pages)[0].locale] : LOCALES;
    for (const locale of locales) {
      await openPage(page, target, locale, "light");
      // A lesson is measured in both its views: its text, and its terminal behind the tab.
      const views: Array<[string, () => Promise<void>]> = [["", async () => {}]];
      if (isLesson(target)) {
        views.push([
          " (terminal tab)",
          async () => {
            await page.getByTestId("lesson-tab-terminal").click();
            await expect(page.getByTestId("terminal-pane")).toBeVisible();
          },
        ]);
      }
      for (const [view, show] of views) {
        await show();
        const overflow = await sideways(page);
        const ok = overflow.scrollWidth <= overflow.width && overflow.out.length === 0;
        const name = `${target.name}${view}`;
        console.log(`${ok ? "ok  " : "FAIL"} ${name.padEnd(42)} ${locale} 360 px: page ${overflow.scrollWidth} px wide${overflow.out.length ? `; sticking out: ${overflow.out.join(", ")}` : ""}`);
        if (!ok) wide.push(`${name} ${locale}`);
        // A lesson's narrow layout (its tabs and their panels) is audited too.
        if (isLesson(target)) {
          const findings = await auditPage(page);
          console.log(`${findings.length === 0 ? "ok  " : "FAIL"} ${name.padEnd(42)} ${locale} 360 px: ${findings.length} violations${findings.map((f) => ` ${f.rule}: ${f.targets.slice(0, 3).join("; ")}`).join("")}`);
          expect.soft(findings, `${name} ${locale} at 360 px`).toEqual([]);
        }
      }
    }
  }
  expect(wide).toEqual([]);
});

test("with reduced motion asked for, nothing on the page animates or slides", async ({ page }) => {
  await holdTheMachine(page);
  const durations = async () =>
    page.evaluate(() => {
      const seconds = (value: string) => Math.max(...value.split(",").map((v) => parseFloat(v) * (v.trim().endsWith("ms") ? 0.001 : 1)));
      return [...document.querySelectorAll<HTMLElement>("body *")].reduce(
        (max, el) => Math.max(max, seconds(getComputedStyle(el).transitionDuration), seconds(getComputedStyle(el).animationDuration)),
        0,
      );
    });
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.goto("/en/learn/tag/");
  await expect(page.getByTestId("terminal-pane")).toBeVisible();
  expect(await durations(), "the page does have transitions when motion is welcome").toBeGreaterThan(0.1);
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await durations()).toBeLessThanOrEqual(0.001);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe("auto");
});

test("an exercise with both steps of its hint open has no violation, in both themes and languages, wide and at 360 px", async ({ page }) => {
  await holdTheMachine(page);
  const target: SitePage = { name: "lesson tag", url: (l) => `/${l}/learn/tag/`, machine: true };
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width > 400 ? 800 : 740 });
    for (const locale of LOCALES) {
      for (const theme of THEMES) {
        await openPage(page, target, locale, theme);
        // On a narrow screen the exercises are in the terminal's half, behind its tab.
        if (await page.getByTestId("lesson-tabs").isVisible()) await page.getByTestId("lesson-tab-terminal").click();
        const card = page.getByTestId("exercise-tag-greeting");
        await card.getByTestId("hint-button").click();
        await card.getByTestId("hint-command-button").click();
        await expect(card.getByTestId("hint-command")).toBeVisible();
        const findings = await auditPage(page);
        console.log(`${findings.length === 0 ? "ok  " : "FAIL"} hint open, ${locale} ${theme} ${width} px: ${findings.length} violations${findings.map((f) => ` ${f.rule}: ${f.targets.slice(0, 3).join("; ")}`).join("")}`);
        expect.soft(findings, `hint open, ${locale} ${theme} ${width} px`).toEqual([]);
      }
    }
  }
});
