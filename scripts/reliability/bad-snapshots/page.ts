// Row "bad snapshots (page)": the 100 fixtures through the page's own restore path in Chromium,
// with the guest never started (test mode "decide"). Each fixture is stored as the learner's saved
// machine in real IndexedDB; then the page's MachinePersistence.loadSaved() decides (other image,
// other memory, damaged on disk: refused and archived), and what it lets through is handed to the
// real Web Worker's sandbox.start({ state }), whose state check must refuse it before v86 restores.
// The tab must survive all 100: no crash, no uncaught error, the worker still answering.

import { Tally, type Suite } from "../suite";
import { openTestPage } from "../pages";
import { generateFixtures, goodMeta, goodState, sha256, type Fixture } from "./fixtures";
import { readExpected } from "./machine";

interface Attempt {
  /** Where it was refused: "page" (loadSaved returned null), "worker" (start rejected), or null (not refused). */
  refusedBy: "page" | "worker" | null;
  errorName: string | null;
  message: string;
  archived: string | null;
  statuses: string[];
}

const b64 = (data: Uint8Array) => Buffer.from(data).toString("base64");

export const badSnapshotsPage: Suite = {
  name: "bad snapshots (page)",
  needs: "browser",
  async run(ctx) {
    const expected = readExpected(ctx.root);
    const served = await (await fetch(`${await ctx.site()}/guest/manifest.json`)).json();
    if (served.disk.sha256 !== expected.diskSha256) throw new Error("out/guest/manifest.json differs from the served one");
    const watched = await openTestPage(ctx, "/en/play/");
    const { page, counts } = watched;
    const tally = new Tally();
    try {
      await page.waitForFunction(() => !!(window as any).__dblPersistence?.controller?.sandbox, null, { timeout: 30_000 });

      /** Stores one saved machine as a real save would, then runs the page's restore decision. */
      const attempt = (f: Pick<Fixture, "data" | "meta" | "storedSha256">) =>
        page.evaluate(
          async ({ data64, meta, storedSha256 }): Promise<Attempt> => {
            const hooks = (window as any).__dblPersistence;
            const controller = hooks.controller;
            const sandbox = controller.sandbox; // the provider's WorkerSandbox, never started in this mode
            const bytes = Uint8Array.from(atob(data64), (c) => c.charCodeAt(0));
            await controller.store.write(new Blob([bytes]), { encoding: "raw", storedSha256, meta });
            controller.dismissArchived();
            const saved = await controller.loadSaved();
            const archived = controller.view.get().archived?.reason ?? null;
            if (!saved) return { refusedBy: "page", errorName: null, message: "", archived, statuses: [] };
            const statuses: string[] = [];
            const off = sandbox.status.subscribe((s: string) => statuses.push(s));
            try {
              await sandbox.start({ state: saved });
              return { refusedBy: null, errorName: null, message: "started", archived, statuses };
            } catch (err: any) {
              return { refusedBy: err?.name === "StateRejectedError" ? "worker" : null, errorName: err?.name ?? null, message: String(err?.message ?? err), archived, statuses };
            } finally {
              off();
            }
          },
          { data64: b64(f.data), meta: f.meta, storedSha256: f.storedSha256 },
        );

      // Control: a good state with this site's metadata passes the page's checks (and is not
      // handed to the worker here: that would start v86 on made-up bytes).
      const good = goodState();
      const accepted = await page.evaluate(
        async ({ data64, meta, storedSha256 }) => {
          const controller = (window as any).__dblPersistence.controller;
          const bytes = Uint8Array.from(atob(data64), (c) => c.charCodeAt(0));
          await controller.store.write(new Blob([bytes]), { encoding: "raw", storedSha256, meta });
          const saved = await controller.loadSaved();
          return saved ? saved.data.byteLength : -1;
        },
        { data64: b64(good), meta: goodMeta(good, expected), storedSha256: sha256(good) },
      );
      if (accepted !== good.length) throw new Error("the page refused a good state: the harness cannot tell refusal from failure");

      const byLayer = { page: 0, worker: 0 };
      for (const f of generateFixtures(expected)) {
        const a = await attempt(f);
        if (a.refusedBy) byLayer[a.refusedBy]++;
        const pageShouldRefuse = f.damagedIn === "storage" || f.kind === "other image" || f.kind === "other memory";
        const wantArchive = f.damagedIn === "storage" ? "damaged" : "other-image";
        const ok =
          (pageShouldRefuse ? a.refusedBy === "page" && a.archived === wantArchive : a.refusedBy === "worker") &&
          !a.statuses.includes("restoring") &&
          counts.crashes === 0;
        tally.check(`${f.kind} / ${f.name}`, ok, `refused by ${a.refusedBy ?? "nobody"} (${a.errorName ?? ""} ${a.message.slice(0, 100)}), archived ${a.archived}, statuses ${a.statuses.join(">")}`);
      }

      // The tab and its worker are still alive: the page answers and the worker still refuses.
      const alive = await page.evaluate(async () => {
        const sandbox = (window as any).__dblPersistence.controller.sandbox;
        return sandbox.start({ state: { data: new ArrayBuffer(0), meta: { diskSha256: "", optionsHash: "", v86Version: "", memoryMB: 0, sha256: "", size: 1 } } }).then(
          () => "started",
          (err: any) => err?.name,
        );
      });
      if (alive !== "StateRejectedError") tally.fail(`after all fixtures the worker answered ${alive}`);
      if (counts.pageErrors.length) tally.fail(`uncaught page errors: ${counts.pageErrors.slice(0, 3).join(" | ")}`);
      if (counts.crashes) tally.fail(`${counts.crashes} tab crash(es)`);
      ctx.log(`  refused by the page: ${byLayer.page}, by the worker's state check: ${byLayer.worker}`);
      return tally.result(`${byLayer.page + byLayer.worker} refused (page ${byLayer.page}, worker ${byLayer.worker}), ${counts.crashes} tab crashes`);
    } finally {
      await watched.close();
    }
  },
};
