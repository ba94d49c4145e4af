// The site's speed in headless Chromium against the production build (out/, served by
// scripts/serve.mjs on a free port). Prints one JSON object last:
//
//   readyMs            navigation start to a live prompt with Docker running (resumed clean
//                      snapshot), median of 5 fresh page loads, each in a new context (empty cache)
//   bytesBeforeReady   bytes transferred until then (median); counted on the wire by a byte-counting
//                      proxy in front of the server, because the emulator's downloads happen in a
//                      Web Worker and through the service worker, which the page's CDP Network
//                      events do not see (the page-target CDP figure is in detail)
//   firstDockerPsMs    the first `docker ps` typed at once after ready, to its output and the next
//                      prompt (median of the same fresh page loads)
//   pullAndFirstRunMs  `docker pull busybox`, then the first `docker run --rm busybox echo hi`
//   dockerRunWarmMs    that `docker run` again (median of 3)
//   longestMainThreadTaskMs  longest main-thread task (PerformanceObserver longtask) while the
//                      guest runs the first `docker run --rm busybox echo hi`
//   floodMBps          `yes | head -c 2000000` to xterm: 2 MB over the time to the next prompt
//   keystrokeEchoMs    median time from a key press (its keydown in the page) to its echo in xterm
//   saveMs, savedBytes a Save after pulling two images: what the learner waits for, and the size
//                      that stays stored (once compressed in idle time; detail.savedBytesAtSave: the
//                      raw size the Save itself wrote)
//   resumeMs           reload with that saved state to a live prompt (detail: the first
//                      `docker images` after it, and what dropping the guest's page cache saves)
//   readyMsThrottled   readyMs over a school's network (SCHOOL_LINK: 25 Mbit/s down, 40 ms round
//                      trip, modelled by the proxy), empty cache; bytesBeforeReadyThrottled with it
//   readyMsSecondVisit a reload of that page (cache warm); readyMsOffline the same with the
//                      network off (the service worker serves everything)
//   checkVerdictMs     median, over the exercises in scripts/bench-checks.ts, of the time from the
//                      prompt's return after the solving command to the exercise's "Passed"
//
//   npm run build && npm run bench:web      (run it under flock /tmp/dbl-emulator.lock)
//
// BENCH_PROFILE=network (npm run bench:web:network) measures only the three visits over the school
// link, in about a minute: what scripts/test.sh prints at the end of every CI run.
// BENCH_PROFILE=checks measures only checkVerdictMs.
// BENCH_PROFILE=persistence measures only saveMs and resumeMs (scripts/bench-persistence.ts), with
//   readyMs of three fresh loads and resumeToReady, their ratio.
// BENCH_PROFILE=preview measures only the Preview of nginx (scripts/bench-preview.ts):
//   previewFirstByteMs  the port notice's click to the guest's first byte of nginx's welcome page
//   previewReloadMs     a reload of it (median of 5); nginxFirstRunMs: the `docker run -p` before

import type { Browser } from "playwright-core";
import { measureCheckVerdicts } from "./bench-checks";
import { measurePersistence } from "./bench-persistence";
import { measurePreview } from "./bench-preview";
import { median, newContext, runCommand, SCHOOL_LINK, startCountingProxy, startServer, stats, waitReady } from "./bench-browser";
import { launchChromium } from "./chromium";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const log = (...args: unknown[]) => console.error("[bench-web]", ...args);

async function main() {
  const { url: serverUrl, child } = await startServer();
  const proxy = await startCountingProxy(new URL(serverUrl));
  const base = proxy.url;
  log("serving", serverUrl, "through", base);
  const browser = await launchChromium();
  try {
    if (process.env.BENCH_PROFILE === "network") {
      proxy.setLink(SCHOOL_LINK);
      console.log(JSON.stringify({ profile: "network", ...(await measureVisits(browser, base, proxy)), chromium: browser.version() }));
      return;
    }
    if (process.env.BENCH_PROFILE === "preview") {
      console.log(JSON.stringify({ profile: "preview", ...(await measurePreview(browser, base, proxy, log)) }));
      return;
    }
    if (process.env.BENCH_PROFILE === "checks") {
      const verdicts = await measureCheckVerdicts(browser, base, log);
      console.log(JSON.stringify({ profile: "checks", checkVerdictMs: Math.round(median(verdicts.map((v) => v.ms))), detail: { checkVerdicts: verdicts } }));
      return;
    }
    if (process.env.BENCH_PROFILE === "persistence") {
      console.log(JSON.stringify({ profile: "persistence", ...(await persistenceProfile(browser, base)) }));
      return;
    }
    // ---- ready: fresh contexts --------------------------------------------------------------
    const ready: number[] = [];
    const bytes: number[] = [];
    const cdpPageBytes: number[] = [];
    const firstDockerPs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await newContext(browser);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      let pageBytes = 0;
      cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (pageBytes += e.encodedDataLength));
      proxy.reset();
      await page.goto(`${base}/en/play/`);
      const ms = await waitReady(page);
      ready.push(ms);
      bytes.push(proxy.bytes());
      cdpPageBytes.push(pageBytes);
      log(`ready run ${run + 1}: ${Math.round(ms)} ms, ${(proxy.bytes() / 1e6).toFixed(1)} MB`);
      // In every fresh context: one sample of the first command would say little on this machine.
      await page.getByTestId("terminal").click();
      firstDockerPs.push(await runCommand(page, "docker ps", /CONTAINER ID[\s\S]*root@lab:~# $/));
      log(`first docker ps run ${run + 1}: ${firstDockerPs[run]} ms`);
      if (run < RUNS - 1) await context.close();
      else {
        // ---- interaction, in the last fresh context -------------------------------------------

        await page.evaluate(() => {
          const w = window as any;
          w.__benchLongest = 0;
          w.__benchObserver = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) w.__benchLongest = Math.max(w.__benchLongest, entry.duration);
          });
          w.__benchObserver.observe({ type: "longtask" });
        });
        const pullMs = await runCommand(page, "docker pull busybox", /Status: Downloaded newer image[\s\S]*root@lab:~# $/);
        const dockerRunMs = await runCommand(page, "docker run --rm busybox echo hi", /^hi\s*$[\s\S]*root@lab:~# $/);
        const longestMainThreadTaskMs = await page.evaluate(() => {
          const w = window as any;
          w.__benchObserver.disconnect();
          return w.__benchLongest as number;
        });
        log("docker pull", pullMs, "ms; first docker run", dockerRunMs, "ms; longest task", longestMainThreadTaskMs);
        const warmRuns: number[] = [];
        for (let i = 0; i < 3; i++) warmRuns.push(await runCommand(page, "docker run --rm busybox echo hi", /^hi\s*$[\s\S]*root@lab:~# $/));
        log("warm docker run", warmRuns.join(", "), "ms");
        const floodMs = await measureFlood(page);
        log("flood", floodMs, "ms for", FLOOD_BYTES, "bytes");

        // Keystroke echo: keydown in the page to the character showing in xterm's buffer.
        const echoes: number[] = [];
        for (const ch of "echoabcdefghijkl") {
          // A string, not a function: tsx would wrap inner functions in a __name() helper the page lacks.
          const waiter = page.evaluate<number>(`new Promise((resolve) => {
            let down = 0;
            const target = document.querySelector("[data-testid=terminal] textarea");
            target.addEventListener("keydown", () => (down = performance.now()), { once: true, capture: true });
            const before = window.__dblTerminalText().trimEnd();
            const poll = () => {
              const now = window.__dblTerminalText().trimEnd();
              if (down && now !== before && now.endsWith(${JSON.stringify(ch)})) resolve(performance.now() - down);
              else setTimeout(poll, 1);
            };
            poll();
          })`);
          await page.waitForTimeout(30);
          await page.keyboard.press(ch);
          // Once this waited forever (no keydown seen on xterm's textarea): fail instead, saying where focus was.
          let timer: ReturnType<typeof setTimeout> | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(async () => {
              const focus = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? "none").catch(() => "unknown");
              reject(new Error(`keystroke echo: "${ch}" not echoed within 10 s; focus on ${focus}`));
            }, 10_000);
          });
          try {
            echoes.push(await Promise.race([waiter, timeout]));
          } finally {
            clearTimeout(timer);
          }
        }
        await page.keyboard.press("Control+U");
        log("echo", echoes.map(Math.round).join(","));

        const persistence = await measurePersistence(page, log);
        await context.close();

        proxy.setLink(SCHOOL_LINK);
        const network = await measureVisits(browser, base, proxy);
        proxy.setLink(null);
        const verdicts = await measureCheckVerdicts(browser, base, log);

        const result = {
          readyMs: Math.round(median(ready)),
          bytesBeforeReady: Math.round(median(bytes)),
          firstDockerPsMs: Math.round(median(firstDockerPs)),
          pullAndFirstRunMs: pullMs + dockerRunMs,
          dockerRunWarmMs: Math.round(median(warmRuns)),
          floodMBps: +(FLOOD_BYTES / 1e6 / (floodMs / 1000)).toFixed(3),
          longestMainThreadTaskMs: Math.round(longestMainThreadTaskMs),
          keystrokeEchoMs: Math.round(median(echoes) * 10) / 10,
          saveMs: persistence.saveMs,
          savedBytes: persistence.savedBytes,
          resumeMs: persistence.resumeMs,
          ...network,
          checkVerdictMs: Math.round(median(verdicts.map((v) => v.ms))),
          detail: {
            readyMs: stats(ready),
            bytesBeforeReady: stats(bytes),
            cdpPageTargetBytesBeforeReady: stats(cdpPageBytes),
            firstDockerPsMs: stats(firstDockerPs),
            dockerPullBusyboxMs: pullMs,
            firstDockerRunBusyboxMs: dockerRunMs,
            dockerRunWarmMs: stats(warmRuns),
            floodMs,
            checkVerdicts: verdicts,
            keystrokeEchoMs: { ...stats(echoes), runs: echoes.map((e) => Math.round(e * 10) / 10) },
            ...persistence.detail,
            chromium: browser.version(),
          },
        };
        console.log(JSON.stringify(result));
      }
    }
  } finally {
    await browser.close();
    proxy.server.close();
    child.kill();
  }
}

/** readyMs of three fresh loads, then, in the last, a first `docker run` and measurePersistence. */
async function persistenceProfile(browser: Browser, base: string) {
  const ready: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/en/play/`);
    ready.push(await waitReady(page));
    log(`ready run ${run + 1}: ${Math.round(ready[run])} ms`);
    if (run < 2) {
      await context.close();
      continue;
    }
    await page.getByTestId("terminal").click();
    await runCommand(page, "docker run --rm busybox echo hi", /^hi\s*$[\s\S]*root@lab:~# $/);
    const persistence = await measurePersistence(page, log);
    await context.close();
    const readyMs = Math.round(median(ready));
    return { readyMs, ...persistence, resumeToReady: +(persistence.resumeMs / readyMs).toFixed(2), detail: { readyMs: stats(ready), ...persistence.detail } };
  }
  throw new Error("unreachable");
}

const FLOOD_BYTES = 2_000_000;

/** Milliseconds from Enter to the prompt after FLOOD_BYTES of `yes` went to the terminal. */
async function measureFlood(page: import("playwright-core").Page): Promise<number> {
  // Not runCommand: a flood overflows xterm's scrollback, so the text before it is gone; the end of
  // the buffer says when it is over.
  const started = Date.now();
  await page.keyboard.type(`yes | head -c ${FLOOD_BYTES}`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /\ny\s*\nroot@lab:~# $/.test((window as any).__dblTerminalText?.() ?? ""), null, {
    timeout: 600_000,
    polling: 50,
  });
  return Date.now() - started;
}

/**
 * Listens for the service worker's report that it has cached what an offline visit needs (the
 * pages, v86, the state's parts and the hot disk parts, public/sw.js's precache), which the page
 * asks for once the prompt has been idle a moment. Call right after the prompt is ready.
 */
async function listenForPrecache(page: import("playwright-core").Page): Promise<() => Promise<number>> {
  const started = Date.now();
  await page.evaluate(() => {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data?.type === "dbl-sw:precached") (window as any).__benchPrecached = event.data;
    });
  });
  return async () => {
    await page.waitForFunction(() => (window as any).__benchPrecached, null, { timeout: 300_000, polling: 500 });
    return Date.now() - started;
  };
}

/** A first visit over the school link (empty cache), then the same page reloaded, then reloaded offline. */
async function measureVisits(browser: Browser, base: string, proxy: { bytes: () => number; reset: () => void }) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    proxy.reset();
    await page.goto(`${base}/en/play/`);
    const readyMsThrottled = await waitReady(page);
    const bytesBeforeReadyThrottled = proxy.bytes();
    log(`throttled ready: ${Math.round(readyMsThrottled)} ms, ${(bytesBeforeReadyThrottled / 1e6).toFixed(1)} MB`);
    // A second visit comes later: by then the service worker has cached what a visit needs. A
    // reload before that shares the link with the precache's download (tens of MB).
    const precached = await listenForPrecache(page);
    const precacheMs = await precached();
    log(`precached ${Math.round(precacheMs)} ms after ready`);
    proxy.reset();
    await page.reload();
    const readyMsSecondVisit = await waitReady(page);
    const bytesSecondVisit = proxy.bytes();
    const resumedSecondVisit = await page.evaluate(() => (window as any).__dblPersistence?.view().resumed ?? null);
    log(`second visit ready: ${Math.round(readyMsSecondVisit)} ms, ${(bytesSecondVisit / 1e6).toFixed(1)} MB, resumed ${resumedSecondVisit}`);
    await context.setOffline(true);
    await page.reload();
    // Reported as null, with the reason, rather than losing the other figures.
    let readyMsOffline: number | null = null;
    let offlineError: string | undefined;
    try {
      readyMsOffline = await waitReady(page, 120_000);
      log(`offline visit ready: ${Math.round(readyMsOffline)} ms`);
    } catch (err) {
      offlineError = `no prompt offline within 120 s: ${(err as Error).message.split("\n")[0]}`;
      log(offlineError);
    }
    return {
      readyMsThrottled: Math.round(readyMsThrottled),
      bytesBeforeReadyThrottled,
      readyMsSecondVisit: Math.round(readyMsSecondVisit),
      readyMsOffline: readyMsOffline === null ? null : Math.round(readyMsOffline),
      ...(offlineError ? { offlineError } : {}),
      detailSecondVisit: { bytes: bytesSecondVisit, resumed: resumedSecondVisit, precachedMsAfterReady: precacheMs },
    };
  } finally {
    await context.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
