// Export and import (app/_lib/persistence/backup.ts), in real Chromium: a backup made on one
// computer (a browser context) and loaded on another keeps the progress and the machine's images
// (the real guest); and corrupted files, a machine for another guest image and a file too large
// are refused with a clear message, leaving everything stored in IndexedDB exactly as it was
// (real IndexedDB, without the guest).

import { expect, test, type Page } from "@playwright/test";
import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from "node:fs";
import { READY_TIMEOUT, terminalText, typeCommand } from "./terminal";

test.use({ serviceWorkers: "block" });

const PROGRESS_KEY = "dbl:v1:progress";
const POINTER_KEY = "dbl:v1:machine";

async function waitReady(page: Page) {
  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();
}

/** Everything in the site's IndexedDB store, blobs as their size and SHA-256: what a next visit finds. */
async function storedEverything(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open("keyval-store");
      r.onupgradeneeded = () => r.result.createObjectStore("keyval");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const read = <T,>(request: IDBRequest<T>) => new Promise<T>((res, rej) => ((request.onsuccess = () => res(request.result)), (request.onerror = () => rej(request.error))));
    const store = db.transaction("keyval").objectStore("keyval");
    const keys = await read(store.getAllKeys());
    const values = await Promise.all(keys.map((key) => read(store.get(key))));
    db.close();
    const out: Record<string, unknown> = {};
    for (const [i, key] of keys.entries()) {
      const value = values[i];
      if (value instanceof Blob) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await value.arrayBuffer()));
        out[String(key)] = { size: value.size, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") };
      } else out[String(key)] = value;
    }
    return out;
  });
}

async function idbPut(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    async ([key, value]) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open("keyval-store");
        r.onupgradeneeded = () => r.result.createObjectStore("keyval");
        r.onsuccess = () => res(r.result);
      });
      const tx = db.transaction("keyval", "readwrite");
      tx.objectStore("keyval").put(value, key as string);
      await new Promise((res) => (tx.oncomplete = res));
      db.close();
    },
    [key, value] as const,
  );
}

/** Backup → Download, with or without the machine; returns the saved file's path. */
async function downloadBackup(page: Page, path: string, machine = true): Promise<string> {
  const dialog = page.getByTestId("backup-dialog");
  if (!(await dialog.isVisible())) await page.getByTestId("backup-button").click();
  await dialog.getByTestId("backup-include-machine").setChecked(machine);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 180_000 }), dialog.getByTestId("backup-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^docker-browser-lab-.*\.dblab$/);
  await download.saveAs(path);
  return path;
}

test("a backup carries the progress and the machine's images to another computer", async ({ browser }, testInfo) => {
  // The first computer: an image pulled, an exercise passed, then Backup → Download.
  const first = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  const a = await first.newPage();
  await a.goto("/en/learn/pull/");
  await waitReady(a);
  await typeCommand(a, "docker pull localhost:5000/library/hello-world && docker tag localhost:5000/library/hello-world carried:v1", /root@lab:~# $/m);
  await expect(a.getByTestId("exercise-pull-by-address")).toHaveAttribute("data-state", "passed", { timeout: 120_000 });
  const file = await downloadBackup(a, testInfo.outputPath("carried.dblab"));
  const size = readFileSync(file).length;
  console.log(`backup: ${(size / 2 ** 20).toFixed(1)} MiB`);
  expect(size).toBeGreaterThan(1 << 20);
  await a.screenshot({ path: testInfo.outputPath("backup-downloaded.png") });
  await first.close();

  // Another computer: a fresh machine, no progress. Backup → Load the file.
  const second = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  const b = await second.newPage();
  await b.goto("/en/learn/pull/");
  await waitReady(b);
  await expect(b.getByTestId("exercise-pull-by-address")).toHaveAttribute("data-state", "pending");
  const fresh = await typeCommand(b, "docker images", /REPOSITORY[\s\S]*root@lab:~# $/m);
  expect(fresh).not.toMatch(/carried/);
  await b.getByTestId("backup-button").click();
  const dialog = b.getByTestId("backup-dialog");
  await dialog.getByTestId("backup-file").setInputFiles(file);
  const summary = dialog.getByTestId("backup-summary");
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText("Passed exercises: 1 (lessons: 1).");
  await expect(summary).toContainText("A machine saved");
  await expect(dialog.getByTestId("backup-replace-machine")).toBeChecked();
  await b.screenshot({ path: testInfo.outputPath("backup-summary.png") });
  await dialog.getByTestId("backup-load").click();
  await expect(dialog.getByTestId("backup-loaded")).toBeVisible({ timeout: 120_000 });
  await dialog.getByTestId("backup-dialog-close").click();

  // The machine from the file runs here, with its images; the exercise is passed here too.
  await expect(b.getByTestId("exercise-pull-by-address")).toHaveAttribute("data-state", "passed");
  await waitReady(b);
  const images = await typeCommand(b, "docker images", /carried\s+v1[\s\S]*root@lab:~# $/m);
  expect(images).toMatch(/^localhost:5000\/library\/hello-world\s+latest/m);
  await expect(b.getByTestId("save-detail")).toContainText("Resumed your saved machine");

  // And it stays: the next visit resumes it, and the lesson index counts the progress.
  await b.reload();
  await waitReady(b);
  await typeCommand(b, "docker images carried", /carried\s+v1[\s\S]*root@lab:~# $/m);
  await b.goto("/en/learn/");
  await expect(b.locator("[data-testid=lesson-index-link][data-slug=pull] [data-testid=lesson-progress]")).toHaveAttribute("data-passed", "1");
  await second.close();
});

test.describe("without the guest", () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => sessionStorage.setItem("dbl:test:mode", "decide"));
  });

  test("20 corrupted files, a machine for another image and a file too large are refused; nothing stored changes", async ({ page }, testInfo) => {
    test.setTimeout(10 * 60_000);
    await page.goto("/en/play/");
    await page.waitForFunction(() => !!(window as any).__dblPersistence);

    // What this browser has: progress, and a saved machine (first made for another guest image).
    await idbPut(page, PROGRESS_KEY, { version: 1, lessons: { pull: { exercises: { "pull-busybox": { passedAt: "2026-01-01T00:00:00.000Z" } } } } });
    await page.evaluate(() => (window as any).__dblPersistence.writeSynthetic(2 << 20, 11));
    const otherImage = await downloadBackup(page, testInfo.outputPath("other-image.dblab"));
    // ... now made this site's machine (its record says so; its bytes are unchanged).
    const manifest = await (await page.request.get("/guest/manifest.json")).json();
    const record = await page.evaluate(async () => (window as any).__dblPersistence.controller.store.current());
    record.meta = { ...record.meta, diskSha256: manifest.disk.sha256, optionsHash: manifest.optionsHash, v86Version: manifest.v86Version, memoryMB: manifest.memoryMB };
    await idbPut(page, POINTER_KEY, record);
    const goodPath = await downloadBackup(page, testInfo.outputPath("good.dblab"));
    const good = readFileSync(goodPath);
    const headerLength = good.readUInt32LE(8);
    const machineAt = 12 + headerLength + 32;

    const flip = (at: number) => {
      const copy = Buffer.from(good);
      copy[at] ^= 0x01;
      return copy;
    };
    const withHeaderLength = (n: number) => {
      const copy = Buffer.from(good);
      copy.writeUInt32LE(n, 8);
      return copy;
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
    let seed = 5;
    const random = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0xff)));
    const corrupted: Array<[string, Buffer, string]> = [
      ["an empty file", Buffer.alloc(0), "not-a-backup"],
      ["random bytes", random, "not-a-backup"],
      ["a PNG picture", png, "not-a-backup"],
      ["a progress record as JSON", Buffer.from(JSON.stringify({ version: 1, lessons: {} })), "not-a-backup"],
      ["its first letter changed", (() => { const c = Buffer.from(good); c[0] = 0x58; return c; })(), "not-a-backup"],
      ["a newer format", (() => { const c = Buffer.from(good); c[7] = 0x32; return c; })(), "newer-version"],
      ["a header length of 0", withHeaderLength(0), "damaged"],
      ["a header length of 4 GiB", withHeaderLength(0xffffffff), "damaged"],
      ["a header length one too long", withHeaderLength(headerLength + 1), "damaged"],
      ["cut inside the header", good.subarray(0, 40), "damaged"],
      ["cut inside the machine", good.subarray(0, machineAt + Math.floor((good.length - machineAt) / 2)), "damaged"],
      ["its last byte missing", good.subarray(0, good.length - 1), "damaged"],
      ["a byte too many", Buffer.concat([good, Buffer.from([0])]), "damaged"],
      ["two backups end to end", Buffer.concat([good, good]), "damaged"],
      ["a flipped bit in the header", flip(12 + Math.floor(headerLength / 2)), "damaged"],
      ["a flipped bit in the progress", flip(12 + JSON.stringify({ format: "docker-browser-lab-backup" }).length + 40), "damaged"],
      ["a flipped bit in the header's checksum", flip(12 + headerLength + 10), "damaged"],
      ["a flipped bit in the machine's first byte", flip(machineAt), "damaged"],
      ["a flipped bit in the middle of the machine", flip(machineAt + Math.floor((good.length - machineAt) / 2)), "damaged"],
      ["a flipped bit in the machine's last byte", flip(good.length - 1), "damaged"],
    ];
    expect(corrupted).toHaveLength(20);

    const before = await storedEverything(page);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([PROGRESS_KEY, POINTER_KEY]));
    const dialog = page.getByTestId("backup-dialog");
    const input = dialog.getByTestId("backup-file");
    const refusal = dialog.getByTestId("backup-refused");
    for (const [i, [name, bytes, reason]] of corrupted.entries()) {
      const path = testInfo.outputPath(`corrupted-${String(i + 1).padStart(2, "0")}.dblab`);
      writeFileSync(path, bytes);
      await input.setInputFiles(path);
      await expect(refusal, name).toHaveAttribute("data-reason", reason, { timeout: 60_000 });
      await expect(refusal, name).toContainText("Nothing stored in this browser was changed.");
      await expect(dialog.getByTestId("backup-load"), name).toHaveCount(0);
      expect(await storedEverything(page), name).toEqual(before);
      console.log(`refused ${String(i + 1).padStart(2)}: ${name.padEnd(42)} ${(await refusal.innerText()).split("\n")[0]}`);
    }
    await page.screenshot({ path: testInfo.outputPath("refused-damaged.png") });

    // Larger than any backup: refused by its size before a byte is read (a sparse file on disk).
    const hugePath = testInfo.outputPath("huge.dblab");
    const fd = openSync(hugePath, "w");
    ftruncateSync(fd, 600 << 20);
    closeSync(fd);
    await input.setInputFiles(hugePath);
    await expect(refusal).toHaveAttribute("data-reason", "too-large");
    await expect(refusal).toContainText("This file is 629 MB, larger than any backup this site makes.");
    expect(await storedEverything(page)).toEqual(before);

    // A whole file whose machine was saved for another guest image: its machine is refused, and
    // nothing changes unless the learner asks for its progress.
    await input.setInputFiles(otherImage);
    await expect(dialog.getByTestId("backup-other-image")).toContainText("cannot run here");
    await expect(dialog.getByTestId("backup-replace-machine")).toHaveCount(0);
    await expect(dialog.getByTestId("backup-load")).toHaveText("Load the progress");
    await page.screenshot({ path: testInfo.outputPath("refused-other-image.png") });
    expect(await storedEverything(page)).toEqual(before);

    // The good file itself is taken (so the refusals above were the file's fault, not the reader's).
    await input.setInputFiles(goodPath);
    // Its summary reads as the other file's did: wait for what only a usable machine shows.
    await expect(dialog.getByTestId("backup-replace-machine")).toBeVisible();
    await expect(dialog.getByTestId("backup-summary")).toContainText("Passed exercises: 1 (lessons: 1).");
    await dialog.getByTestId("backup-load").click();
    await expect(dialog.getByTestId("backup-loaded")).toBeVisible({ timeout: 60_000 });
    const after = await storedEverything(page);
    expect((after[POINTER_KEY] as { id: string }).id).not.toBe((before[POINTER_KEY] as { id: string }).id);
    expect(after[PROGRESS_KEY]).toEqual(before[PROGRESS_KEY]);
  });
});
