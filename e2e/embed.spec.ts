// An exercise embedded in another site (docs/embed.md), in real Chromium with the real guest:
// the lesson page's Embed button gives a snippet; a course page on a second origin pastes it;
// 1,000 fuzzed messages from wrong origins, wrong windows and in wrong shapes change nothing;
// the learner solves the exercise inside the frame and the course page hears `exercise-passed`
// once, with the right data; the page's `check` and `reset` commands work. Plus: only /embed/
// may be framed, and the guides for instructors are on the site.
//
// The course page is e2e/fixtures/embed-host/ (second webServer in playwright.config.ts), served
// on the lab's port + 1: http://localhost:<port+1> is the allowed host, http://127.0.0.1:<port+1>
// a stranger.

import { expect, test, type Frame, type Page } from "@playwright/test";
import { COMMAND_TIMEOUT, READY_TIMEOUT } from "./terminal";

const LESSON = "docker-desktop";
const EXERCISE = "server-platform"; // solved by one docker call; its check needs no `docker run`
const CHANNEL = "docker-browser-lab";

function origins(baseURL: string | undefined) {
  const site = new URL(baseURL!);
  const hostPort = Number(site.port) + 1;
  return { site: site.origin, host: `http://localhost:${hostPort}`, stranger: `http://127.0.0.1:${hostPort}` };
}

interface Received {
  origin: string;
  fromEmbed: boolean;
  data: { type?: string; [key: string]: unknown };
  at: number;
}

const received = (page: Page): Promise<Received[]> => page.evaluate(() => (window as any).__received);
const fromEmbed = async (page: Page, type?: string) =>
  (await received(page)).filter((m) => m.fromEmbed && m.data?.channel === CHANNEL && (!type || m.data.type === type));
const send = (page: Page, type: string) =>
  page.evaluate(([channel, type]) => (window as any).__send({ channel, version: 1, type }), [CHANNEL, type]);
const embedText = (frame: Frame): Promise<string> => frame.evaluate(() => (window as any).__dblTerminalText?.() ?? "");

/**
 * Runs in a sending window (page or frame): posts `count` messages built from a seeded generator.
 * `exactShare` of them are well-formed commands (for senders that must be refused anyway); the
 * rest are wrong shapes: near misses, JSON text, Maps, Blobs, cyclic and deep objects, huge strings.
 * `target` says how to reach the embed from that window.
 */
function fuzz({ seed, count, exactShare, target }: { seed: number; count: number; exactShare: number; target: "host" | "sibling" | "self" }) {
  const C = "docker-browser-lab";
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const exact = () => ({ channel: C, version: 1, type: rand() < 0.5 ? "check" : "reset" });
  const deep = () => {
    let o: any = exact();
    for (let i = 0; i < 300; i++) o = { channel: C, version: 1, type: "check", inner: o };
    return o;
  };
  const cyclic = () => {
    const o: any = exact();
    o.self = o;
    return o;
  };
  const wrong: Array<() => unknown> = [
    () => null,
    () => undefined,
    () => 0,
    () => NaN,
    () => true,
    () => "check",
    () => "reset",
    () => JSON.stringify(exact()),
    () => [exact()],
    () => ({ ...exact(), type: "CHECK" }),
    () => ({ ...exact(), type: "reset " }),
    () => ({ ...exact(), type: ["check"] }),
    () => ({ ...exact(), version: 2 }),
    () => ({ ...exact(), version: "1" }),
    () => ({ ...exact(), channel: C + "2" }),
    () => ({ type: "check" }),
    () => ({ type: "reset" }),
    () => ({ channel: C, type: "reset" }),
    () => ({ ...exact(), extra: 1 }),
    () => ({ ...exact(), type: "run", command: "rm -rf /" }),
    () => Object.assign(Object.create(null), exact(), { x: 1 }),
    () => new Map(Object.entries(exact())),
    () => new Set(["check", "reset"]),
    () => new Date(),
    () => /check/,
    () => new Blob([JSON.stringify(exact())]),
    () => new ArrayBuffer(64),
    () => new Uint8Array([1, 2, 3]),
    () => new Error("reset"),
    cyclic,
    deep,
    () => "x".repeat(100_000),
    () => ({ channel: C, version: 1, type: "check".repeat(10_000) }),
  ];
  const post = (message: unknown) => {
    if (target === "host") (window as any).__send(message);
    else if (target === "self") window.postMessage(message, "*");
    else window.parent.frames[0].postMessage(message, "*"); // the embed is the page's first frame
  };
  let posted = 0;
  for (let i = 0; i < count; i++) {
    post(rand() < exactShare ? exact() : wrong[Math.floor(rand() * wrong.length)]());
    posted++;
  }
  return posted;
}

test("an embedded exercise: snippet, fuzz, solve in the frame, exercise-passed once, check and reset commands", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const { site, host, stranger } = origins(baseURL);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const lap = (name: string) => (timings[name] = Math.round((Date.now() - t0) / 1000));

  // 1. The instructor copies the snippet from the lesson page (no machine needed there).
  const instructor = await browser.newContext();
  await instructor.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site });
  const lessonPage = await instructor.newPage();
  await lessonPage.route("**/emulator/**", (route) => route.abort());
  await lessonPage.goto(`${site}/en/learn/${LESSON}/`);
  const card = lessonPage.getByTestId(`exercise-${EXERCISE}`);
  await card.getByTestId("embed-button").click();
  const dialog = card.getByTestId("embed-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("embed-origin").fill(`${host}/course/week-2`); // a page URL, not an origin
  await expect(dialog.getByTestId("embed-origin")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByTestId("embed-origin").fill(host);
  await dialog.getByText("Dark", { exact: true }).click();
  await expect(dialog.getByTestId("embed-theme-dark")).toBeChecked();
  await expect(dialog.getByTestId("embed-lang-en")).toBeChecked();
  const snippet = await dialog.getByTestId("embed-snippet").inputValue();
  const src = `${site}/embed/${LESSON}/${EXERCISE}/?lang=en&amp;theme=dark&amp;origin=${encodeURIComponent(host)}`;
  expect(snippet).toContain(`<iframe src="${src}"`);
  expect(snippet).toContain(`title="Docker exercise: Write down the server's platform"`);
  await lessonPage.screenshot({ path: testInfo.outputPath("embed-dialog.png") });
  await dialog.getByTestId("embed-copy").click();
  await expect(dialog.getByTestId("embed-copy")).toHaveText(/Copied/);
  expect(await lessonPage.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await instructor.close();
  lap("snippet copied");

  // 2. The course page pastes it, beside a frame of its own origin and one of a stranger's.
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(`${host}/host.html`);
  await page.evaluate(
    ([snippet, host, stranger]) => {
      document.getElementById("slot")!.innerHTML = snippet;
      document.getElementById("others")!.innerHTML =
        `<iframe name="sibling" src="${host}/blank.html" height="40"></iframe>` +
        `<iframe name="stranger" src="${stranger}/blank.html" height="40"></iframe>`;
    },
    [snippet, host, stranger],
  );
  const embed = page.frameLocator("#slot iframe");
  await expect(embed.getByTestId("embed")).toBeVisible({ timeout: 60_000 });
  const frame = page.frame({ url: (u) => u.pathname === `/embed/${LESSON}/${EXERCISE}/` })!;
  expect(frame).toBeTruthy();
  expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  await expect(embed.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => embedText(frame), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await expect.poll(async () => (await fromEmbed(page, "ready")).length).toBe(1);
  const [ready] = await fromEmbed(page, "ready");
  expect(ready.origin).toBe(site);
  expect(ready.data).toEqual({ channel: CHANNEL, version: 1, type: "ready", lesson: LESSON, exercise: EXERCISE, locale: "en", passed: false });
  const exercise = embed.getByTestId(`exercise-${EXERCISE}`);
  await expect(exercise).toHaveAttribute("data-state", "pending");
  lap("embed ready");
  // The automatic check after "ready" runs 2.5 s later; let it finish before watching for changes.
  await page.waitForTimeout(8_000);

  // 3. 1,000 messages that must all be ignored.
  await frame.evaluate(() => {
    const w = window as any;
    w.__seen = 0;
    w.__errors = [];
    w.__changes = [];
    addEventListener("message", () => w.__seen++);
    addEventListener("error", (e) => w.__errors.push(String(e.message)));
    addEventListener("unhandledrejection", (e) => w.__errors.push(String(e.reason)));
    const record = (ms: MutationRecord[]) => ms.forEach((m) => w.__changes.push(`${m.type} ${(m.target as Element).nodeName}`));
    new MutationObserver(record).observe(document.querySelector('[data-testid="terminal-pane"]')!, { attributes: true, attributeFilter: ["data-status"] });
    new MutationObserver(record).observe(document.querySelector('[data-testid="exercises"]')!, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  const textBefore = await embedText(frame);
  const eventsBefore = (await fromEmbed(page)).length;
  const sibling = page.frame({ name: "sibling" })!;
  const strangerFrame = page.frame({ name: "stranger" })!;
  const posted = [
    await page.evaluate(fuzz, { seed: 1, count: 400, exactShare: 0, target: "host" as const }), // right origin, wrong shapes
    await strangerFrame.evaluate(fuzz, { seed: 2, count: 300, exactShare: 0.5, target: "sibling" as const }), // wrong origin
    await sibling.evaluate(fuzz, { seed: 3, count: 200, exactShare: 0.5, target: "sibling" as const }), // right origin, not the parent
    await frame.evaluate(fuzz, { seed: 4, count: 100, exactShare: 0.5, target: "self" as const }), // the embed's own origin
  ].reduce((a, b) => a + b, 0);
  expect(posted).toBe(1000);
  await expect.poll(() => frame.evaluate(() => (window as any).__seen), { timeout: 30_000 }).toBeGreaterThanOrEqual(1000);
  await page.waitForTimeout(5_000); // anything a command would have started shows by now
  expect(await frame.evaluate(() => (window as any).__errors)).toEqual([]);
  expect(await frame.evaluate(() => (window as any).__changes)).toEqual([]);
  expect((await fromEmbed(page)).length, "the embed answered a message it should have ignored").toBe(eventsBefore);
  expect(await embedText(frame)).toBe(textBefore);
  await expect(embed.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready");
  await expect(exercise).toHaveAttribute("data-state", "pending");
  lap("fuzz ignored");

  // 4. The learner solves the exercise in the frame; the course page hears it once.
  await embed.getByTestId("terminal").click();
  await page.keyboard.type("docker version --format '{{.Server.Os}}/{{.Server.Arch}}' > /root/server-platform.txt\n");
  await expect.poll(async () => (await embedText(frame)).slice(textBefore.length), { timeout: COMMAND_TIMEOUT }).toMatch(
    /server-platform\.txt\s*\n[\s\S]*# $/,
  );
  lap("command done");
  await expect(exercise).toHaveAttribute("data-state", "passed", { timeout: 120_000 });
  await expect.poll(async () => (await fromEmbed(page, "exercise-passed")).length, { timeout: 10_000 }).toBe(1);
  const [passed] = await fromEmbed(page, "exercise-passed");
  expect(passed.origin).toBe(site);
  expect(Object.keys(passed.data).sort()).toEqual(["channel", "elapsedMs", "exercise", "lesson", "time", "type", "version"]);
  expect(passed.data).toMatchObject({ channel: CHANNEL, version: 1, type: "exercise-passed", lesson: LESSON, exercise: EXERCISE });
  const time = Date.parse(passed.data.time as string);
  expect(time).toBeGreaterThan(t0);
  expect(time).toBeLessThanOrEqual(passed.at);
  expect(new Date(time).toISOString()).toBe(passed.data.time);
  // Measured from the terminal being ready: longer than the fuzz pause, shorter than the test.
  expect(passed.data.elapsedMs).toBeGreaterThan(13_000);
  expect(passed.data.elapsedMs).toBeLessThan(Date.now() - t0);
  await expect(page.locator("#grade")).toHaveText("passed");
  const progress = await fromEmbed(page, "progress");
  expect(progress.at(-1)!.data).toEqual({
    channel: CHANNEL,
    version: 1,
    type: "progress",
    lesson: LESSON,
    exercise: EXERCISE,
    machine: "ready",
    status: "passed",
    hint: null,
  });
  lap("passed");

  // 5. Commands from the course page: check answers with progress, and sends no second pass.
  const before = (await fromEmbed(page)).length;
  await send(page, "check");
  await expect
    .poll(async () => (await fromEmbed(page)).slice(before).map((m) => `${m.data.type}:${m.data.status}`), { timeout: 120_000 })
    .toEqual(["progress:checking", "progress:passed"]);
  expect((await fromEmbed(page, "exercise-passed")).length).toBe(1);

  // reset: a fresh machine, a blank terminal, the exercise pending again, and a second "ready".
  await send(page, "reset");
  await expect(exercise).toHaveAttribute("data-state", "pending", { timeout: 30_000 });
  await expect(embed.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(async () => (await fromEmbed(page, "ready")).length, { timeout: 60_000 }).toBe(2);
  expect((await fromEmbed(page, "ready"))[1].data.passed).toBe(false);
  const machines = (await fromEmbed(page, "progress")).map((m) => m.data.machine);
  expect(machines).toContain("restoring");
  await expect.poll(() => embedText(frame), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  expect(await embedText(frame)).not.toContain("server-platform.txt");
  expect((await fromEmbed(page, "exercise-passed")).length).toBe(1);
  lap("reset");

  expect(errors).toEqual([]);
  // Not fullPage: Chromium leaves cross-origin frames blank in full-page captures.
  await page.locator("#slot iframe").scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("course-page.png") });
  console.log(`embed timings (s since start): ${JSON.stringify(timings)}`);
});

test("only the embed route may be framed by another site", async ({ page, baseURL }) => {
  const { site, host } = origins(baseURL);
  await page.route("**/emulator/**", (route) => route.abort()); // no machine needed
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors/.test(m.text())) refused.push(m.text());
  });

  // The home page in a frame of another origin: the browser refuses it.
  await page.goto(`${host}/host.html?src=${encodeURIComponent(`${site}/en/`)}`);
  await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(refused.join("\n")).toContain("frame-ancestors 'none'");
  const homeFrame = page.frames().find((f) => f !== page.mainFrame())!;
  const homeShown = await Promise.race([
    homeFrame.evaluate(() => !!document.querySelector('[data-testid="open-sandbox"]')).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  expect(homeShown).toBe(false);

  // The embed route in the same frame is shown, here in Chinese.
  await page.goto(`${host}/host.html?src=${encodeURIComponent(`${site}/embed/${LESSON}/${EXERCISE}/?lang=zh&theme=light`)}`);
  const embed = page.frameLocator("#slot iframe");
  await expect(embed.getByTestId("embed")).toBeVisible();
  await expect(embed.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(embed.getByTestId(`exercise-${EXERCISE}`)).toContainText("服务端");

  // The headers behind it.
  const home = await page.request.get(`${site}/en/`);
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const embedPage = await page.request.get(`${site}/embed/${LESSON}/${EXERCISE}/`);
  expect(embedPage.status()).toBe(200);
  expect(embedPage.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embedPage.headers()["content-security-policy"]).not.toContain("frame-ancestors 'none'");
});

test("the guides for instructors are on the site, in both languages", async ({ page }) => {
  await page.goto("/en/");
  await page.getByRole("link", { name: "For instructors" }).click();
  await page.waitForURL("**/en/docs/authoring/");
  const guide = page.getByTestId("guide");
  await expect(guide.getByRole("heading", { level: 1 })).toHaveText("Writing a lesson");
  await expect(guide).toContainText("npm run content:check -- --guest");
  await expect(guide.getByRole("table").first()).toContainText("exercises[].id");
  await page.getByRole("link", { name: /Embedding an exercise/ }).first().click();
  await page.waitForURL("**/en/docs/embed/");
  await expect(page.getByTestId("guide")).toContainText("exercise-passed");
  const zh = await page.goto("/zh/docs/deploy/");
  expect(zh?.status()).toBe(200);
  await expect(page.getByTestId("guide").getByRole("heading", { level: 1 })).not.toBeEmpty();
});
