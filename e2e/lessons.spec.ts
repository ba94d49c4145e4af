// Lesson pages in real Chromium: every lesson renders in both languages, and on the tag lesson a
// learner's typed solution turns the exercise to passed by itself, the Run button types its
// command, and the live picture shows both tags on one image ID (the real guest throughout).

import { expect, test } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

const LESSONS = ["virtualization", "docker-desktop", "concepts", "pull", "images", "tag", "push"];

for (const locale of ["en", "zh"]) {
  test(`every lesson renders in ${locale}`, async ({ page }) => {
    // Static pages only: block the emulator so this test does not boot seven machines.
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

test("the tag lesson checks a typed solution by itself and draws both tags on one image", async ({ page }, testInfo) => {
  await page.goto("/en/learn/tag/");
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  const exercise = page.getByTestId("exercise-tag-mybox");
  await expect(exercise).toHaveAttribute("data-state", "pending");

  // The Run button types its command into the terminal (here: docker pull busybox).
  let before = (await terminalText(page)).length;
  await page.getByTestId("run-button").first().click();
  await expectOutputAfter(page, before, /docker pull busybox[\s\S]*Status: Downloaded newer image for busybox:latest[\s\S]*# $/);

  // The learner types the solution; nobody presses Check.
  await page.getByTestId("terminal").click();
  before = (await terminalText(page)).length;
  await page.keyboard.type("docker tag busybox:latest mybox:v1\n");
  await expectOutputAfter(page, before, /mybox:v1\s*\n[\s\S]*# $/);
  await expect(exercise).toHaveAttribute("data-state", "passed", { timeout: 120_000 });

  // The picture, drawn from the engine: one image carrying both names.
  await page.getByTestId("tab-images").click();
  const image = page.getByTestId("graph-image").filter({ has: page.getByTestId("graph-tag").filter({ hasText: "mybox:v1" }) });
  await expect(image).toHaveCount(1, { timeout: 120_000 });
  await expect(image.getByTestId("graph-tag").filter({ hasText: "busybox:latest" })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("tag-lesson.png") });
});
