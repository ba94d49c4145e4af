// Shared by the accessibility specs: every page of the site, found from the site itself (the home
// page's lesson list, the guides' navigation, each lesson's exercises), and a way to open a page
// whose machine waits instead of starting.

import type { Page } from "@playwright/test";

export const LOCALES = ["en", "zh"] as const;
export const THEMES = ["light", "dark"] as const;
export type Locale = (typeof LOCALES)[number];
export type Theme = (typeof THEMES)[number];

export interface SitePage {
  /** A short name for the test output: "lesson tag", "embed tag/tag-mybox". */
  name: string;
  /** The address for a locale and a theme (the embed takes both from its query). */
  url(locale: Locale, theme: Theme): string;
  /** Whether the page has a machine (play, lessons, embed). */
  machine: boolean;
}

/**
 * Holds the emulator's worker script unanswered: the page's machine stays at its boot screen and
 * never takes a core, so a page with a terminal costs what a static page costs.
 */
export async function holdTheMachine(page: Page): Promise<void> {
  await page.route("**/emulator/**", () => {
    // Never answered: the request stays pending until the page closes.
  });
}

/** Lessons, guides and exercises, read from the built site. */
export async function discoverPages(page: Page): Promise<SitePage[]> {
  await page.goto("/en/");
  const lessons = await page.getByTestId("lesson-link").evaluateAll((els) => els.map((el) => el.getAttribute("data-slug")!));
  await page.goto("/en/docs/authoring/");
  const guides = await page
    .locator("nav a[href*='/docs/']")
    .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute("href")!.split("/")[3]))]);
  const exercises: Array<{ lesson: string; exercise: string }> = [];
  for (const lesson of lessons) {
    await page.goto(`/en/learn/${lesson}/`);
    const ids = await page
      .getByTestId("exercises")
      .locator("[data-testid^=exercise-]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.slice("exercise-".length)));
    for (const exercise of ids) exercises.push({ lesson, exercise });
  }
  return [
    { name: "home", url: (l) => `/${l}/`, machine: false },
    { name: "lesson index", url: (l) => `/${l}/learn/`, machine: false },
    ...lessons.map((slug) => ({ name: `lesson ${slug}`, url: (l: Locale) => `/${l}/learn/${slug}/`, machine: true })),
    { name: "play", url: (l) => `/${l}/play/`, machine: true },
    ...guides.map((doc) => ({ name: `docs ${doc}`, url: (l: Locale) => `/${l}/docs/${doc}/`, machine: false })),
    { name: "licences", url: (l) => `/${l}/licenses/`, machine: false },
    ...exercises.map(({ lesson, exercise }) => ({
      name: `embed ${lesson}/${exercise}`,
      url: (l: Locale, theme: Theme) => `/embed/${lesson}/${exercise}/?lang=${l}&theme=${theme}`,
      machine: true,
    })),
  ];
}
