// Lesson pages in real Chromium: every lesson renders in both languages; an exercise's hint opens
// in two steps, with the keyboard, in both languages; and on the tag lesson a learner's typed
// solution turns the exercise to passed by itself, the Run button types its command, and the live
// picture shows both tags on one image ID; on the networks lesson the container picture follows
// containers, networks and volumes as they come and go (the real guest throughout).

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

const LESSONS = ["virtualization", "docker-desktop", "concepts", "pull", "images", "tag", "push", "lifecycle", "build", "volumes", "networks", "compose"];

for (const locale of ["en", "zh"]) {
  test(`every lesson renders in ${locale}`, async ({ page }) => {
    // Static pages only: block the emulator so this test does not boot a machine per lesson.
    await page.route("**/emulator/**", (route) => route.abort());
    for (const slug of LESSONS) {
      const response = await page.goto(`/${locale}/learn/${slug}/`);
      expect(response?.status(), slug).toBe(200);
      await expect(page.getByTestId("lesson").locator("article h1")).not.toBeEmpty();
      await expect(page.getByTestId("exercises").locator("[data-testid^=exercise-]")).not.toHaveCount(0);
      if (locale === "zh") await expect(page.getByTestId("lesson")).toContainText(/[\u4e00-\u9fff]/);
    }
  });
}

const HINT = {
  en: { open: "Hint", close: "Hide hint", show: "Show the command", hide: "Hide the command", nudge: /`?docker tag`? takes the image you have/ },
  zh: { open: "提示", close: "收起提示", show: "显示命令", hide: "收起命令", nudge: /先写已有的镜像，再写新名字/ },
};

for (const locale of ["en", "zh"] as const) {
  test(`a hint opens in two steps with the keyboard, nudge first, the command on request (${locale})`, async ({ page }) => {
    await page.route("**/emulator/**", (route) => route.abort());
    await page.goto(`/${locale}/learn/tag/`);
    const t = HINT[locale];
    const card = page.getByTestId("exercise-tag-greeting");
    const hintButton = card.getByTestId("hint-button");
    await expect(hintButton).toHaveText(t.open);
    await expect(hintButton).toHaveAttribute("aria-expanded", "false");
    await expect(card.getByTestId("hint")).toHaveCount(0);

    // Enter on the focused button opens the nudge only; focus stays on the button.
    await hintButton.focus();
    await page.keyboard.press("Enter");
    await expect(hintButton).toHaveAttribute("aria-expanded", "true");
    await expect(hintButton).toHaveText(t.close);
    await expect(hintButton).toBeFocused();
    await expect(card.getByTestId("hint-nudge")).toContainText(t.nudge);
    await expect(card.getByTestId("hint-command")).toHaveCount(0);
    const region = await hintButton.getAttribute("aria-controls");
    await expect(card.getByTestId("hint")).toHaveAttribute("id", region!);

    // The next Tab reaches the second step; Space opens it, and the command shows.
    await page.keyboard.press("Tab");
    const commandButton = card.getByTestId("hint-command-button");
    await expect(commandButton).toBeFocused();
    await expect(commandButton).toHaveText(t.show);
    await expect(commandButton).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Space");
    await expect(commandButton).toHaveAttribute("aria-expanded", "true");
    await expect(commandButton).toHaveText(t.hide);
    await expect(commandButton).toBeFocused();
    await expect(card.getByTestId("hint-command")).toContainText("docker tag hello-world greeting:v1");
    await expect(card.getByTestId("hint-command")).toHaveAttribute("id", (await commandButton.getAttribute("aria-controls"))!);

    // Closing the hint closes both steps; opening it again starts from the nudge.
    await hintButton.click();
    await expect(card.getByTestId("hint")).toHaveCount(0);
    await hintButton.click();
    await expect(card.getByTestId("hint-nudge")).toBeVisible();
    await expect(card.getByTestId("hint-command")).toHaveCount(0);
  });
}

test("the tag lesson checks a typed solution by itself and draws both tags on one image", async ({ page }, testInfo) => {
  await page.goto("/en/learn/tag/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  const exercise = page.getByTestId("exercise-tag-greeting");
  await expect(exercise).toHaveAttribute("data-state", "pending");

  // The Run button types its command into the terminal (here: docker pull busybox).
  let before = (await terminalText(page)).length;
  await page.getByTestId("run-button").first().click();
  await expectOutputAfter(page, before, /docker pull busybox[\s\S]*Status: Downloaded newer image for busybox:latest[\s\S]*# $/);

  // The learner types the solution; nobody presses Check.
  await page.getByTestId("terminal").click();
  before = (await terminalText(page)).length;
  await page.keyboard.type("docker pull -q hello-world && docker tag hello-world greeting:v1\n");
  await expectOutputAfter(page, before, /greeting:v1\s*\n[\s\S]*# $/);
  await expect(exercise).toHaveAttribute("data-state", "passed", { timeout: 120_000 });

  // The picture, drawn from the engine: one image carrying both names.
  await page.getByTestId("tab-images").click();
  const image = page.getByTestId("graph-image").filter({ has: page.getByTestId("graph-tag").filter({ hasText: "greeting:v1" }) });
  await expect(image).toHaveCount(1, { timeout: 120_000 });
  await expect(image.getByTestId("graph-tag").filter({ hasText: "hello-world:latest" })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("tag-lesson.png") });
});

test("the networks lesson draws containers, their networks and volumes, and redraws when one goes", async ({ page }, testInfo) => {
  await page.goto("/en/learn/networks/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("tab-containers").click();
  const picture = page.getByTestId("container-graph");
  await expect(picture.getByTestId("graph-network").filter({ hasText: "bridge" })).toHaveCount(1, { timeout: 120_000 });

  await page.getByTestId("terminal").click();
  let before = (await terminalText(page)).length;
  await page.keyboard.type(
    "docker network create shop >/dev/null && docker run -d --name shopweb --network shop -p 8086:80 -v notes:/data busybox httpd -f -p 80 >/dev/null; " +
      "docker run --name oops busybox sh -c 'exit 3'; echo made-$?\n",
  );
  await expectOutputAfter(page, before, /made-3\s*\n[\s\S]*# $/);

  const web = picture.locator("[data-testid=graph-container][data-name=shopweb]");
  await expect(web).toHaveAttribute("data-state", "running", { timeout: 120_000 });
  await expect(web).toContainText("localhost:8086 → 80/tcp");
  await expect(web).toContainText("notes → /data");
  const oops = picture.locator("[data-testid=graph-container][data-name=oops]");
  await expect(oops.getByTestId("graph-state")).toHaveText("exited (3)");
  await expect(picture.locator("[data-testid=graph-network][data-name=shop]")).toContainText("shopweb");
  await expect(picture.locator("[data-testid=graph-network][data-name=bridge]")).toContainText("oops");
  await expect(picture.locator("[data-testid=graph-volume][data-name=notes]")).toContainText("mounted by shopweb");
  await page.screenshot({ path: testInfo.outputPath("networks-lesson-containers.png") });
  // The states' colours and the small print hold WCAG AA contrast in both themes.
  expect(await panelViolations(page, "#panel-containers")).toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  expect(await panelViolations(page, "#panel-containers")).toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));

  // Removing the container redraws the picture: gone from its card, its network and its volume.
  before = (await terminalText(page)).length;
  await page.keyboard.type("docker rm -f shopweb\n");
  await expectOutputAfter(page, before, /shopweb\s*\n[\s\S]*# $/);
  await expect(web).toHaveCount(0, { timeout: 120_000 });
  await expect(picture.locator("[data-testid=graph-network][data-name=shop]")).toContainText("no containers");
  await expect(picture.locator("[data-testid=graph-volume][data-name=notes]")).toContainText("not mounted");
});

/** axe's WCAG 2.1 A and AA findings inside one part of the page, as "rule: target" lines. */
async function panelViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}
