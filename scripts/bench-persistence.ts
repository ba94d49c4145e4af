// saveMs and resumeMs for bench:web, on a page whose machine is live at the prompt: two pulls,
// then a record of the state's sizes and each step's cost (detail.compression), three Saves as
// the learner makes them, the idle-time compaction, and three reloads that resume the saved
// machine. Also run alone with BENCH_PROFILE=persistence, beside a few fresh readyMs for the ratio.

import type { Page } from "playwright-core";
import { median, runCommand, stats, waitReady } from "./bench-browser";

export async function measurePersistence(page: Page, log: (...args: unknown[]) => void) {
  await runCommand(page, "docker pull hello-world", /Status: Downloaded newer image[\s\S]*root@lab:~# $/);
  await runCommand(page, "docker pull busybox", /Status: (Downloaded newer image|Image is up to date)[\s\S]*root@lab:~# $/);
  const compression = await page.evaluate(async () => {
    // The same machine's raw state, compressed as compaction does (zstd, in the compression
    // worker) and as it did before (gzip, in the page), for the record of the choice.
    const sandbox = (window as any).__dblPersistence.controller.sandbox;
    let t = performance.now();
    const { data } = await sandbox.save();
    const saveStateMs = performance.now() - t;
    t = performance.now();
    await crypto.subtle.digest("SHA-256", data);
    const sha256Ms = performance.now() - t;
    const inCompressionWorker = (op: string, bytes: ArrayBuffer) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const worker = new Worker("/emulator/compression-worker.js", { type: "module" });
        worker.onmessage = (e) => (worker.terminate(), e.data.out ? resolve(e.data.out) : reject(new Error(e.data.error)));
        worker.postMessage({ op, data: bytes });
      });
    t = performance.now();
    const zst = await inCompressionWorker("zstd", data);
    const zstdWorkerMs = performance.now() - t;
    t = performance.now();
    await inCompressionWorker("unzstd", zst);
    const unzstdWorkerMs = performance.now() - t;
    t = performance.now();
    const gz = await new Response(new Blob([data]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    const gzipMs = performance.now() - t;
    t = performance.now();
    await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    const gunzipMs = performance.now() - t;
    const idbWrite = async (value: Blob) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open("dbl-bench");
        r.onupgradeneeded = () => r.result.createObjectStore("s");
        r.onsuccess = () => res(r.result);
      });
      const t0 = performance.now();
      const tx = db.transaction("s", "readwrite");
      tx.objectStore("s").put(value, "x");
      await new Promise((res) => (tx.oncomplete = res));
      const ms = performance.now() - t0;
      const t1 = performance.now();
      const get = db.transaction("s").objectStore("s").get("x");
      const blob: Blob = await new Promise((res) => (get.onsuccess = () => res(get.result)));
      await blob.arrayBuffer();
      const readMs = performance.now() - t1;
      const del = db.transaction("s", "readwrite");
      del.objectStore("s").delete("x");
      await new Promise((res) => (del.oncomplete = res));
      db.close();
      return { writeMs: Math.round(ms), readMs: Math.round(readMs) };
    };
    const raw = await idbWrite(new Blob([data]));
    const gzip = await idbWrite(new Blob([gz]));
    indexedDB.deleteDatabase("dbl-bench");
    // The placeholder a save writes to claim room for a raw state (store.reserveRoom).
    t = performance.now();
    await (window as any).__dblPersistence.controller.store.reserveRoom(data.byteLength);
    await (window as any).__dblPersistence.controller.store.releaseRoom();
    const roomClaimRawMs = performance.now() - t;
    return {
      rawBytes: data.byteLength,
      zstdBytes: zst.byteLength,
      gzipBytes: gz.byteLength,
      zstdRatio: +(data.byteLength / zst.byteLength).toFixed(2),
      gzipRatio: +(data.byteLength / gz.byteLength).toFixed(2),
      zstdWorkerMs: Math.round(zstdWorkerMs),
      unzstdWorkerMs: Math.round(unzstdWorkerMs),
      saveStateMs: Math.round(saveStateMs),
      sha256RawMs: Math.round(sha256Ms),
      gzipMainThreadMs: Math.round(gzipMs),
      gunzipMs: Math.round(gunzipMs),
      idbRaw: raw,
      idbGzip: gzip,
      roomClaimRawMs: Math.round(roomClaimRawMs),
    };
  });
  log("compression", JSON.stringify(compression));
  const saves: Array<{ ms: number; bytes: number; encoding: string }> = [];
  for (let i = 0; i < 3; i++) {
    const saved = await page.evaluate(async () => {
      const p = (window as any).__dblPersistence;
      const t = performance.now();
      await p.save();
      return { ms: performance.now() - t, bytes: p.view().lastSaved.bytes as number, encoding: p.view().lastSaved.encoding as string };
    });
    saves.push(saved);
    log("save", Math.round(saved.ms), "ms", saved.bytes, "bytes");
  }
  // A save stores the raw state; it is compressed once the machine is idle (compact.ts). Wait for
  // that, so the resumes below read what a learner's next visit reads.
  const compaction = await page.evaluate(async () => {
    const p = (window as any).__dblPersistence;
    const t = performance.now();
    while (p.view().lastSaved.encoding === "raw" && performance.now() - t < 180_000) await new Promise((r) => setTimeout(r, 250));
    return { afterSaveMs: Math.round(performance.now() - t), bytes: p.view().lastSaved.bytes as number, encoding: p.view().lastSaved.encoding as string };
  });
  log("compaction", JSON.stringify(compaction));
  // What dropping the guest's clean page cache before save_state would shrink the state by
  // (after the saves above, so it does not change what they measured).
  const dropCaches = await page.evaluate(async () => {
    const sandbox = (window as any).__dblPersistence.controller.sandbox;
    const before = (await sandbox.save()).data.byteLength;
    const t = performance.now();
    await sandbox.exec("sync; echo 1 > /proc/sys/vm/drop_caches");
    const dropMs = performance.now() - t;
    const after = (await sandbox.save()).data.byteLength;
    return { rawBytesBefore: before, rawBytesAfter: after, dropMs: Math.round(dropMs) };
  });
  log("drop caches", JSON.stringify(dropCaches));
  const resumes: number[] = [];
  const firstImages: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    resumes.push(await waitReady(page));
    const view = await page.evaluate(() => (window as any).__dblPersistence.view());
    if (view.resumed !== "saved") throw new Error(`reload did not resume the saved machine: ${JSON.stringify(view)}`);
    await page.getByTestId("terminal").click();
    firstImages.push(await runCommand(page, "docker images", /REPOSITORY[\s\S]*root@lab:~# $/));
    log("resume", Math.round(resumes[i]), "ms; first docker images", firstImages[i], "ms");
  }
  return {
    saveMs: Math.round(median(saves.map((s) => s.ms))),
    savedBytes: compaction.bytes,
    resumeMs: Math.round(median(resumes)),
    detail: {
      saveMs: stats(saves.map((s) => s.ms)),
      savedBytesAtSave: saves.map((s) => s.bytes),
      saveEncoding: saves[0]?.encoding,
      compaction,
      resumeMs: stats(resumes),
      firstDockerImagesAfterResumeMs: stats(firstImages),
      dropCaches,
      compression,
    },
  };
}
