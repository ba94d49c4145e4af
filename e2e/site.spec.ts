// The site shell: home page in both languages, lesson links, language switch, theme toggle,
// headers from scripts/serve.mjs. Needs no guest (the /play tests are in e2e/play.spec.ts).
import { expect, test, type Page } from "@playwright/test";

async function gotoHome(page: Page, locale: "en" | "zh") {
  const response = await page.goto(`/${locale}/`);
  expect(response?.status()).toBe(200);
}

test.describe("home page", () => {
  test("renders in English", async ({ page }, testInfo) => {
    await gotoHome(page, "en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveTitle(/Docker Browser Lab/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn Docker by using the real thing");
    await expect(page.getByRole("banner")).toContainText("Docker Browser Lab");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lessons" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sandbox" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    await expect(page.getByText("Your tab runs a whole x86 computer")).toBeVisible();
    await expect(page.getByText("Docker runs containers inside that machine")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Lessons", level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Licences" })).toHaveAttribute("href", "/en/licenses/");

    const open = page.getByTestId("open-sandbox");
    await expect(open).toHaveText(/Open the sandbox/);
    await expect(open).toHaveAttribute("href", "/en/play/");

    await page.screenshot({ path: testInfo.outputPath("home-en.png"), fullPage: true });
  });

  test("renders in Chinese", async ({ page }, testInfo) => {
    await gotoHome(page, "zh");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle(/Docker 浏览器实验室/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("用真实的 Docker 学习 Docker");
    await expect(page.getByRole("banner")).toContainText("Docker 浏览器实验室");
    await expect(page.getByRole("link", { name: "课程" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "沙盒" }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "工作原理" })).toBeVisible();
    await expect(page.getByTestId("open-sandbox")).toHaveText(/打开沙盒/);
    await expect(page.getByTestId("open-sandbox")).toHaveAttribute("href", "/zh/play/");
    await expect(page.getByRole("link", { name: "许可证" })).toHaveAttribute("href", "/zh/licenses/");

    await page.screenshot({ path: testInfo.outputPath("home-zh.png"), fullPage: true });
  });

  test("the site root redirects to the browser's language", async ({ browser }) => {
    for (const [locale, expected] of [["zh-CN", "/zh/"], ["en-GB", "/en/"]] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto("/");
      await page.waitForURL(`**${expected}`);
      await expect(page.getByTestId("open-sandbox")).toBeVisible();
      await context.close();
    }
  });

  test("/play redirects to the sandbox in the saved language", async ({ page }) => {
    await page.goto("/en/");
    await page.evaluate(() => localStorage.setItem("dbl:locale", "zh"));
    await page.goto("/play/");
    await page.waitForURL("**/zh/play/");
    await expect(page.getByTestId("terminal-pane")).toBeVisible();
  });
});

test("lesson links open the lesson", async ({ page }) => {
  await gotoHome(page, "en");
  const links = page.getByTestId("lesson-link");
  const count = await links.count();
  test.skip(count === 0, "No lessons exist yet: listLessons('en') returned an empty list, so there is no link to follow.");

  const first = links.first();
  const slug = await first.getAttribute("data-slug");
  const title = (await first.getByTestId("lesson-title").textContent())?.trim() ?? "";
  expect(slug).toBeTruthy();
  expect(title).not.toBe("");
  await expect(first).toHaveAttribute("href", `/en/learn/${slug}/`);
  const lessonPage = await page.request.get(`/en/learn/${slug}/`);
  expect(lessonPage.status(), `the home page links to /en/learn/${slug}/, which must be a built page`).toBe(200);

  await first.click();
  await page.waitForURL(`**/en/learn/${slug}/`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  // Every listed lesson has a page, in both languages.
  for (const locale of ["en", "zh"] as const) {
    await gotoHome(page, locale);
    const hrefs = await page.getByTestId("lesson-link").evaluateAll((els) => els.map((el) => el.getAttribute("href")));
    expect(hrefs.length).toBe(count);
    for (const href of hrefs) {
      const response = await page.request.get(href!);
      expect(response.status(), href!).toBe(200);
    }
  }
});

test("the lesson index is the course's path, with the learner's progress and where to go on", async ({ page }) => {
  await page.goto("/en/learn/");
  const path = page.getByTestId("lesson-index");
  await expect(path.getByRole("heading", { level: 2 })).toHaveCount(4);
  const lessons = await path.getByTestId("lesson-index-link").count();
  const upcoming = await path.getByTestId("lesson-upcoming").count();
  expect(lessons + upcoming, "twelve places on the path").toBe(12);
  // A lesson still being written is shown, but not as a link.
  await expect(path.getByRole("link")).toHaveCount(lessons);
  const progress = page.getByTestId("course-progress");
  await expect(progress.getByTestId("course-continue")).toHaveText(/Start with lesson 1/);
  await expect(progress.getByTestId("course-continue")).toHaveAttribute("href", "/en/learn/virtualization/");

  // Lesson 1's two exercises passed, as the progress store keeps them: go on with lesson 2.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("keyval-store");
      open.onupgradeneeded = () => open.result.createObjectStore("keyval");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const passedAt = new Date().toISOString();
    const tx = db.transaction("keyval", "readwrite");
    tx.objectStore("keyval").put(
      { version: 1, lessons: { virtualization: { exercises: { "container-kernel": { passedAt }, "own-hostname": { passedAt } } } } },
      "dbl:v1:progress",
    );
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.reload();
  await expect(progress).toHaveAttribute("data-passed", "2");
  await expect(progress.getByTestId("course-continue")).toHaveText(/Continue with lesson 2: Docker on Windows and macOS/);
  await expect(path.locator("[data-testid=lesson-index-link][data-slug=virtualization] [data-testid=lesson-progress]")).toHaveText("Done");
});

test("the language switch keeps the path", async ({ page }) => {
  await page.goto("/en/licenses/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Licences");
  await page.getByTestId("language-switch").click();
  await page.waitForURL("**/zh/licenses/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("许可证");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByTestId("language-switch").click();
  await page.waitForURL("**/en/licenses/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Licences");

  // From the home page too, and the choice is remembered for the site root.
  await page.goto("/en/");
  await page.getByTestId("language-switch").click();
  await page.waitForURL(/\/zh\/$/);
  await page.goto("/");
  await page.waitForURL(/\/zh\/$/);
});

test("the theme toggle switches, is remembered, and follows the OS by default", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await gotoHome(page, "en");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");

  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAccessibleName("Switch to dark theme");
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAccessibleName("Switch to light theme");
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);

  // Remembered across a reload, and applied before first paint (set by the inline head script).
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body", { state: "attached" });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "light");

  // With no saved choice, the OS preference wins.
  await page.evaluate(() => localStorage.removeItem("dbl:theme"));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("the server sends the security headers and the page obeys its CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await page.goto("/en/");
  const headers = response!.headers();
  // Inline scripts are allowed one by one by hash, never wholesale (scripts/serve.mjs).
  const scriptSrc = headers["content-security-policy"].split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/^\s*script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]{43}=')+$/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByTestId("open-sandbox")).toBeVisible();
  await page.getByTestId("theme-toggle").click(); // hydrated and interactive under the CSP
  expect(violations).toEqual([]);

  const asset = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src*='/_next/static/']")?.src);
  expect(asset).toBeTruthy();
  const assetResponse = await page.request.get(asset!);
  expect(assetResponse.headers()["cache-control"]).toContain("immutable");

  const missing = await page.request.get("/en/no-such-page/");
  expect(missing.status()).toBe(404);
});

test("the licences page explains itself", async ({ page }) => {
  await page.goto("/en/licenses/");
  await expect(page.getByRole("heading", { name: "Packages in the Linux machine" })).toBeVisible();
  const notBuilt = page.getByTestId("packages-not-built");
  const table = page.getByRole("table");
  await expect(notBuilt.or(table)).toBeVisible();
});
