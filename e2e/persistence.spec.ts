// Persistence against the real guest in Chromium: the machine and the progress survive a reload,
// a closed tab (mid-save too), a full quota, a second tab and a lost network; a state that cannot
// be resumed is refused with a message; each reset choice clears exactly what it says.
//
// Guest resumes are the expensive part (~15-30 s each), so the tests that need the guest share
// one browser context in order; the close-mid-save trials and the refusals use the real store in
// real IndexedDB without starting the guest (sessionStorage "dbl:test:mode").

import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const READY_TIMEOUT = 180_000;
const COMMAND_TIMEOUT = 300_000; // a first pull of busybox takes 1-2 min when the CPU is shared
const PROGRESS_KEY = "dbl:v1:progress";
const POINTER_KEY = "dbl:v1:machine";

async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).__dblTerminalText?.() ?? "");
}

async function waitReady(page: Page) {
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();
}

async function typeCommand(page: Page, command: string, expected: RegExp) {
  const before = (await terminalText(page)).length;
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => (await terminalText(page)).slice(before), { timeout: COMMAND_TIMEOUT, intervals: [250] })
    .toMatch(expected);
  return (await terminalText(page)).slice(before);
}

/** idb-keyval's store, read or written directly (what the next visit will find). */
async function idbGet(page: Page, key: string): Promise<any> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open("keyval-store");
      r.onupgradeneeded = () => r.result.createObjectStore("keyval");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const req = db.transaction("keyval").objectStore("keyval").get(key);
    const value = await new Promise<any>((res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))));
    db.close();
    return value instanceof Blob ? { blobSize: value.size } : value;
  }, key);
}

async function idbPut(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    async ([key, value]) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open("keyval-store");
        r.onupgradeneeded = () => r.result.createObjectStore("keyval");
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const tx = db.transaction("keyval", "readwrite");
      tx.objectStore("keyval").put(value, key as string);
      await new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = () => rej(tx.error))));
      db.close();
    },
    [key, value] as const,
  );
}

/** Stores `bytes` in a scratch database and deletes it again: "stored" or the error's name. */
async function tryToStore(page: Page, bytes: number): Promise<string> {
  return page.evaluate(async (bytes) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open("dbl-test-scratch");
      r.onupgradeneeded = () => r.result.createObjectStore("s");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      const tx = db.transaction("s", "readwrite");
      tx.objectStore("s").put(new Blob([new Uint8Array(bytes)]), "probe");
      await new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = () => rej(tx.error)), (tx.onabort = () => rej(tx.error))));
      const del = db.transaction("s", "readwrite");
      del.objectStore("s").delete("probe");
      await new Promise((res) => (del.oncomplete = res));
      return "stored";
    } catch (e) {
      return (e as DOMException).name;
    } finally {
      db.close();
    }
  }, bytes);
}

function progressWith(...ids: string[]) {
  const exercises = Object.fromEntries(ids.map((id) => [id, { passedAt: "2026-01-01T00:00:00.000Z" }]));
  return { version: 1, lessons: { pull: { exercises } } };
}

async function save(page: Page) {
  const before = (await idbGet(page, POINTER_KEY))?.id ?? null;
  await page.getByTestId("save-button").click();
  await expect.poll(async () => (await idbGet(page, POINTER_KEY))?.id ?? null, { timeout: 120_000 }).not.toBe(before);
  await expect(page.getByTestId("save-button")).not.toHaveAttribute("data-state", "saving", { timeout: 30_000 });
}

test.describe("with the guest", () => {
  // These build on each other (one context, one machine); the other tests stand alone.
  test.describe.configure({ mode: "serial" });
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test("a pulled image and a passed exercise survive a reload", async ({}, testInfo) => {
    await page.goto("/en/learn/pull/");
    await waitReady(page);
    await typeCommand(page, "docker pull busybox", /Status: (Downloaded newer image|Image is up to date)[\s\S]*root@lab:~# $/m);
    await expect(page.getByTestId("exercise-pull-busybox")).toHaveAttribute("data-state", "passed", { timeout: 60_000 });
    await save(page);
    await expect(page.getByTestId("save-detail")).toContainText("Saved");
    await page.getByTestId("terminal-pane").screenshot({ path: testInfo.outputPath("saved.png") });

    await page.reload();
    await waitReady(page);
    await typeCommand(page, "docker images", /busybox\s+latest[\s\S]*root@lab:~# $/m);
    await expect(page.getByTestId("exercise-pull-busybox")).toHaveAttribute("data-state", "passed");
    await expect(page.getByTestId("save-detail")).toContainText("Resumed your saved machine");
  });

  test("offline, the page reloads and the machine resumes and works", async ({}, testInfo) => {
    await context.setOffline(true);
    try {
      await page.reload();
      await waitReady(page);
      // A lesson 4 exercise, offline: pull another tag of busybox from the in-guest registry. (The
      // disk parts it reads come from the service worker's cache: those fetched so far plus the
      // precached <base>hot-parts.json, recorded from the lesson solutions.)
      await typeCommand(page, "docker pull busybox:1.35", /Status: (Downloaded newer image|Image is up to date) for busybox:1\.35[\s\S]*root@lab:~# $/m);
      await expect(page.getByTestId("exercise-pull-tag")).toHaveAttribute("data-state", "passed", { timeout: 60_000 });
      await typeCommand(page, "docker images busybox", /busybox\s+1\.35[\s\S]*root@lab:~# $/m);
      await expect(page.getByTestId("disk-missing")).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath("offline.png") });
    } finally {
      await context.setOffline(false);
    }
  });

  test("a second tab says the machine is open elsewhere; 'Use it here' moves it", async ({}, testInfo) => {
    await save(page); // the state the handover must not lose
    const savedBefore = await idbGet(page, POINTER_KEY);
    const second = await context.newPage();
    await second.goto("/en/play/");
    await expect(second.getByTestId("elsewhere")).toBeVisible({ timeout: 30_000 });
    await expect(second.getByTestId("elsewhere")).toContainText("The machine is open in another tab");
    await second.screenshot({ path: testInfo.outputPath("second-tab.png") });

    // Something new in the first tab that only its handover save can carry over.
    await page.bringToFront();
    await page.getByTestId("terminal").click();
    await typeCommand(page, "touch /root/moved-here && echo made", /^made\s*$/m);

    await second.bringToFront();
    await second.getByTestId("use-here").click();
    await expect(page.getByTestId("elsewhere")).toHaveAttribute("data-state", "elsewhere", { timeout: 120_000 });
    const handedOver = await idbGet(second, POINTER_KEY);
    expect(handedOver.id).not.toBe(savedBefore.id); // the first tab saved before letting go
    await waitReady(second);
    await typeCommand(second, "ls /root/moved-here && docker images", /\/root\/moved-here[\s\S]*busybox\s+latest[\s\S]*root@lab:~# $/m);
    await page.screenshot({ path: testInfo.outputPath("first-tab-after.png") });
    await page.close();
    page = second;
  });

  test("each reset choice clears exactly what it says", async ({}, testInfo) => {
    // Progress only: ticks go, the machine and its saved state stay.
    await idbPut(page, PROGRESS_KEY, progressWith("pull-busybox"));
    const saved = await idbGet(page, POINTER_KEY);
    expect(saved).toBeTruthy();
    await page.getByTestId("reset-button").click();
    await expect(page.getByTestId("reset-dialog")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("reset-dialog.png") });
    await page.getByTestId("reset-choice-progress").check();
    await page.getByTestId("reset-confirm").click();
    await expect.poll(async () => (await idbGet(page, PROGRESS_KEY))?.lessons).toEqual({});
    expect((await idbGet(page, POINTER_KEY)).id).toBe(saved.id);
    await page.getByTestId("terminal").click();
    await typeCommand(page, "docker images", /busybox\s+latest[\s\S]*root@lab:~# $/m);

    // Machine only: a clean machine, no saved state, progress kept.
    await idbPut(page, PROGRESS_KEY, progressWith("pull-busybox"));
    await page.getByTestId("reset-button").click();
    await page.getByTestId("reset-choice-machine").check();
    await page.getByTestId("reset-confirm").click();
    await expect.poll(() => idbGet(page, POINTER_KEY), { timeout: 30_000 }).toBeUndefined();
    await waitReady(page);
    const images = await typeCommand(page, "docker images", /REPOSITORY[\s\S]*root@lab:~# $/m);
    expect(images).not.toMatch(/busybox/);
    expect(Object.keys((await idbGet(page, PROGRESS_KEY)).lessons.pull.exercises)).toEqual(["pull-busybox"]);

    // Everything: a clean machine and no progress.
    await typeCommand(page, "docker pull hello-world", /Status: Downloaded newer image[\s\S]*root@lab:~# $/m);
    await save(page);
    await idbPut(page, PROGRESS_KEY, progressWith("pull-busybox"));
    await page.getByTestId("reset-button").click();
    await page.getByTestId("reset-choice-everything").check();
    await page.getByTestId("reset-confirm").click();
    await expect.poll(() => idbGet(page, POINTER_KEY), { timeout: 30_000 }).toBeUndefined();
    await expect.poll(async () => (await idbGet(page, PROGRESS_KEY))?.lessons).toEqual({});
    await waitReady(page);
    const after = await typeCommand(page, "docker images", /REPOSITORY[\s\S]*root@lab:~# $/m);
    expect(after).not.toMatch(/hello-world/);
  });
});

// FIXME(issue 6): Chromium 150 applies Storage.overrideQuotaForOrigin to writes with a lag that
// depends on recently deleted IndexedDB blobs (a save deletes its room placeholder and the old
// state), and navigator.storage.estimate() never shows the override. Measured: a write of 45 MB
// after the override sometimes succeeds (stale usage), sometimes fails in 0.1 s; a 9 MiB probe to
// wait for the override leaves deleted-blob usage that then makes the progress write fail. The
// product side (room claim, unit-tested in session.test.ts) showed the message 1 s after the
// click in a manual run; this test needs a quota set-up that does not depend on that lag.
test.fixme("a full quota is said within 2 s; the previous state restores and progress is saved", async ({ page, context }, testInfo) => {
  // Lesson 1 has a quiz: answering it writes progress, which must still be saved under a full quota.
  await page.goto("/en/learn/virtualization/");
  await waitReady(page);
  await typeCommand(page, "docker pull hello-world", /Status: Downloaded newer image[\s\S]*root@lab:~# $/m);
  await save(page);
  const first = await idbGet(page, POINTER_KEY);

  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 8 * 1024 * 1024 });
  // Chromium applies the override to writes only after a moment: wait until 9 MiB no longer fit.
  await expect.poll(() => tryToStore(page, 9 * 1024 * 1024), { timeout: 60_000, intervals: [1_000] }).toBe("QuotaExceededError");
  try {
    await page.getByTestId("terminal").click();
    await typeCommand(page, "docker tag hello-world after-quota:1 && echo tagged", /^tagged\s*$[\s\S]*root@lab:~# $/m);
    const item = page.locator("[data-testid^=quiz-item-]").first();
    await item.getByRole("button").first().click();
    await expect(item).not.toHaveAttribute("data-state", "open");
    await expect.poll(async () => Object.keys((await idbGet(page, PROGRESS_KEY))?.lessons?.virtualization?.quiz ?? {}).length).toBe(1);

    // An automatic save (every 2 min of use) that began before the quota shrank runs to its end
    // first; the Save button is disabled meanwhile. Time the learner's own click.
    await expect(page.getByTestId("save-button")).toBeEnabled({ timeout: 120_000 });
    const clicked = Date.now();
    await page.getByTestId("save-button").click();
    await expect(page.getByTestId("storage-full")).toBeVisible({ timeout: 2_000 });
    expect(Date.now() - clicked).toBeLessThan(2_000);
    await expect(page.getByTestId("storage-full")).toContainText("Storage is full");
    await page.getByTestId("terminal-pane").screenshot({ path: testInfo.outputPath("storage-full.png") });
    expect((await idbGet(page, POINTER_KEY)).id).toBe(first.id);

    await page.reload();
    await waitReady(page);
    const images = await typeCommand(page, "docker images", /hello-world[\s\S]*root@lab:~# $/m);
    expect(images).not.toMatch(/after-quota/);
    await expect(page.locator("[data-testid^=quiz-item-]").first()).not.toHaveAttribute("data-state", "open");
  } finally {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin }).catch(() => {});
  }
});

test.describe("without the guest", () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => sessionStorage.setItem("dbl:test:mode", "decide"));
  });

  async function openStore(page: Page) {
    await page.goto("/en/play/");
    await page.waitForFunction(() => !!(window as any).__dblPersistence);
  }

  test("a state saved for another guest image is refused in plain words, with a download; progress is kept", async ({ page }, testInfo) => {
    await openStore(page);
    await idbPut(page, PROGRESS_KEY, progressWith("pull-busybox"));
    await page.evaluate(() => (window as any).__dblPersistence.writeSynthetic(1 << 20, 7));
    const record = await idbGet(page, POINTER_KEY);
    await page.reload();
    const notice = page.getByTestId("archived");
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toHaveAttribute("data-reason", "other-image");
    await expect(notice).toContainText("This site was updated");
    await expect(notice).toContainText("your lesson progress is kept");
    await page.getByTestId("terminal-pane").screenshot({ path: testInfo.outputPath("other-image.png") });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("archived-download").click()]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const { statSync } = await import("node:fs");
    expect(statSync(file).size).toBe(record.storedSize);
    expect(await idbGet(page, POINTER_KEY)).toBeUndefined(); // not resumed, not current
    expect(Object.keys((await idbGet(page, PROGRESS_KEY)).lessons.pull.exercises)).toEqual(["pull-busybox"]);
  });

  test("a state with flipped bytes fails its checksum and is refused", async ({ page }) => {
    await openStore(page);
    await page.evaluate(() => (window as any).__dblPersistence.writeSynthetic(1 << 20, 9));
    // Make it look like this site's machine, then flip bytes in the stored data.
    const manifest = await (await page.request.get("/guest/manifest.json")).json();
    const record = await idbGet(page, POINTER_KEY);
    record.meta = { ...record.meta, diskSha256: manifest.disk.sha256, optionsHash: manifest.optionsHash, v86Version: manifest.v86Version, memoryMB: manifest.memoryMB };
    await idbPut(page, POINTER_KEY, record);
    await page.evaluate(async (dataKey) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open("keyval-store");
        r.onsuccess = () => res(r.result);
      });
      const get = db.transaction("keyval").objectStore("keyval").get(dataKey);
      const blob: Blob = await new Promise((res) => (get.onsuccess = () => res(get.result)));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      for (let i = 1000; i < 1010; i++) bytes[i] ^= 0xff;
      const tx = db.transaction("keyval", "readwrite");
      tx.objectStore("keyval").put(new Blob([bytes]), dataKey);
      await new Promise((res) => (tx.oncomplete = res));
      db.close();
    }, record.dataKey);
    await page.reload();
    const notice = page.getByTestId("archived");
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toHaveAttribute("data-reason", "damaged");
    await expect(notice).toContainText("checksum does not match");
    expect(await idbGet(page, POINTER_KEY)).toBeUndefined();
  });

  test("closing the browser during a save, at 10 moments: the next visit has the new or the previous state, never a corrupt one; no progress lost", async ({}, testInfo) => {
    test.setTimeout(15 * 60_000);
    const baseURL = testInfo.project.use.baseURL!;
    const userDataDir = mkdtempSync(path.join(tmpdir(), "dbl-close-"));
    const launch = () =>
      chromium.launchPersistentContext(userDataDir, {
        executablePath: "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        baseURL,
      });
    const SIZE = 16 << 20;
    const open = async (ctx: BrowserContext) => {
      await ctx.addInitScript(() => sessionStorage.setItem("dbl:test:mode", "store-only"));
      const p = ctx.pages()[0] ?? (await ctx.newPage());
      const errors: string[] = [];
      p.on("pageerror", (e) => errors.push(e.message));
      p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await p.goto("/en/play/");
      await p.waitForFunction(() => !!(window as any).__dblPersistence, null, { timeout: 20_000 }).catch((err) => {
        throw new Error(`${err}; page ${p.url()}; errors: ${errors.join(" | ")}`);
      });
      return p;
    };
    try {
      // The first state, and how long a save of this size takes here.
      let ctx = await launch();
      let p = await open(ctx);
      await p.evaluate((size) => (window as any).__dblPersistence.writeSynthetic(size, 1), SIZE); // cold
      const started = Date.now();
      await p.evaluate((size) => (window as any).__dblPersistence.writeSynthetic(size, 1), SIZE);
      const saveMs = Date.now() - started; // warm: the window the moments spread over
      await ctx.close();

      const moments = Array.from({ length: 10 }, (_, k) => Math.round((k / 8) * saveMs)); // the last two after it ends
      const results: Array<{ moment: number; outcome: string }> = [];
      let seed = 1;
      let trial = 0;
      ctx = await launch();
      p = await open(ctx);
      for (const moment of moments) {
        for (let repeat = 0; repeat < 2; repeat++) {
          trial++;
          // A progress record written (and acknowledged) before the save starts.
          const progress = (await idbGet(p, PROGRESS_KEY)) ?? { version: 1, lessons: {} };
          progress.lessons[`trial-${trial}`] = { exercises: { e: { passedAt: new Date().toISOString() } } };
          await idbPut(p, PROGRESS_KEY, progress);
          const next = seed + 1;
          void p.evaluate(([size, s]) => (window as any).__dblPersistence.writeSynthetic(size, s), [SIZE, next] as const).catch(() => {});
          await new Promise((r) => setTimeout(r, moment));
          await ctx.close();

          // The next visit: the previous or the new state, whole.
          ctx = await launch();
          p = await open(ctx);
          const after = await p.evaluate(() => (window as any).__dblPersistence.verifyCurrent());
          expect([{ seed }, { seed: next }], `trial ${trial} at ${moment} ms: ${JSON.stringify(after)}`).toContainEqual(after);
          const kept = Object.keys((await idbGet(p, PROGRESS_KEY))?.lessons ?? {});
          for (let t = 1; t <= trial; t++) expect(kept, `progress of trial ${t}`).toContain(`trial-${t}`);
          await p.evaluate(() => (window as any).__dblPersistence.collect());
          results.push({ moment, outcome: (after as { seed: number }).seed === next ? "new" : "previous" });
          seed = (after as { seed: number }).seed;
        }
      }
      await ctx.close();
      testInfo.annotations.push({ type: "close-mid-save", description: JSON.stringify({ saveMs, results }) });
      console.log(`close-mid-save: save of ${SIZE >> 20} MiB took ${saveMs} ms; ` + results.map((r) => `${r.moment}ms:${r.outcome}`).join(" "));
      expect(results).toHaveLength(20);
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
