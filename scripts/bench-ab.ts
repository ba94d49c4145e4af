// Compares guest builds or site builds in the browser, alternating in one run: this
// machine's speed drifts between runs by more than most changes are worth. For each variant in
// turn, a fresh Chromium context loads /en/play/ and the commands are typed once the prompt is live.
//
//   BENCH_VARIANTS="before=/tmp/ab/before.json,after=out/guest/manifest.json" BENCH_RUNS=3 \
//     node --import tsx scripts/bench-ab.ts          (under flock /tmp/dbl-emulator.lock)
//   BENCH_VARIANTS="before=/tmp/out-before,after=out" ...   (two static exports of the site)
//
// A variant is either
// - a guest manifest as build.mjs publishes it; its `base` must name a directory under out/guest/
//   (hard-link the other builds' version directories there). Only /guest/manifest.json is swapped,
//   by request routing; everything else is served from out/ as in production; or
// - a directory holding a static export of the site (`npx next build` writes out/; copy it away
//   before building the other), served as it is by its own server.
//   BENCH_COMMANDS  the commands, separated by ";;" (default "docker ps;;docker images")
//   BENCH_DELAY_MS  how long to wait after ready before typing (default 0: at once)
// Prints one JSON object last: per variant, the median, min, max and runs of readyMs and of each
// command, and each median's ratio to the first variant's.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, newContext, runCommand, startServer, stats, waitReady } from "./bench-browser";
import { launchChromium } from "./chromium";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 0);
const COMMANDS = (process.env.BENCH_COMMANDS ?? "docker ps;;docker images").split(";;").map((c) => c.trim()).filter(Boolean);
const log = (...args: unknown[]) => console.error("[bench-ab]", ...args);

/** A command's name in the summary; a repeated one is numbered ("docker ps #2"), so none is lost. */
function commandKey(i: number): string {
  const nth = COMMANDS.slice(0, i + 1).filter((c) => c === COMMANDS[i]).length;
  return nth === 1 ? COMMANDS[i] : `${COMMANDS[i]} #${nth}`;
}

type Variant = { name: string } & ({ kind: "guest"; manifest: string; base: string; statePart: string } | { kind: "site"; dir: string });

function readVariants(): Variant[] {
  const spec = process.env.BENCH_VARIANTS;
  if (!spec) throw new Error('Set BENCH_VARIANTS="name=manifest.json-or-site-directory,name=…".');
  return spec.split(",").map((entry) => {
    const [name, file] = entry.split("=");
    if (!name || !file) throw new Error(`BENCH_VARIANTS: "${entry}" is not name=manifest.json or name=site-directory`);
    const site = path.resolve(root, file);
    if (existsSync(path.join(site, "guest/manifest.json"))) return { name, kind: "site" as const, dir: site };
    const manifest = readFileSync(path.resolve(root, file), "utf8");
    const base = (JSON.parse(manifest) as { base?: string }).base;
    if (!base) throw new Error(`${file}: no "base" (publish it with emulator/guest/build.mjs)`);
    const dir = path.join(root, "out/guest", base);
    const first = (JSON.parse(manifest) as { state: { parts?: { file: string }[] } }).state.parts?.[0]?.file;
    if (!first) throw new Error(`${file}: no state parts (publish it with emulator/guest/build.mjs)`);
    if (!existsSync(path.join(dir, first))) throw new Error(`${file}: ${path.relative(root, dir)}/${first} is missing`);
    return { name, kind: "guest" as const, manifest, base, statePart: first };
  });
}

/** The static export a variant is served from: its own, or out/ with the manifest swapped. */
const siteDirOf = (variant: Variant) => (variant.kind === "site" ? variant.dir : path.join(root, "out"));

async function main() {
  const variants = readVariants();
  // One server per site variant (OUT_DIR), one for all the guest variants (out/).
  const servers = new Map<string, Awaited<ReturnType<typeof startServer>>>();
  for (const variant of variants) {
    const dir = siteDirOf(variant);
    if (!servers.has(dir)) servers.set(dir, await startServer({ OUT_DIR: dir }));
  }
  const browser = await launchChromium();
  const results = new Map(variants.map((v) => [v.name, { readyMs: [] as number[], commands: COMMANDS.map(() => [] as number[]) }]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const variant of variants) {
        const context = await newContext(browser);
        const { url } = servers.get(siteDirOf(variant))!;
        let stateFetched = false;
        if (variant.kind === "guest") {
          await context.route("**/guest/manifest.json", (route) =>
            route.fulfill({ status: 200, contentType: "application/json", headers: { "cache-control": "no-cache" }, body: variant.manifest }),
          );
          context.on("request", (request) => {
            if (request.url().includes(`/guest/${variant.base}${variant.statePart}`)) stateFetched = true;
          });
        }
        const page = await context.newPage();
        await page.goto(`${url}/en/play/`);
        const ready = await waitReady(page);
        if (variant.kind === "guest" && !stateFetched) throw new Error(`${variant.name}: the page did not load ${variant.base}${variant.statePart}`);
        if (DELAY_MS > 0) await page.waitForTimeout(DELAY_MS);
        await page.getByTestId("terminal").click();
        const times: number[] = [];
        // A first pull of a Debian-based image takes minutes here.
        for (const command of COMMANDS) times.push(await runCommand(page, command, /root@lab:~# $/, 900_000));
        await context.close();
        const result = results.get(variant.name)!;
        result.readyMs.push(ready);
        times.forEach((ms, i) => result.commands[i].push(ms));
        log(`run ${run + 1} ${variant.name}: ready ${Math.round(ready)} ms; ${COMMANDS.map((c, i) => `${c} ${times[i]} ms`).join("; ")}`);
      }
    }
  } finally {
    await browser.close();
    for (const { child } of servers.values()) child.kill();
  }
  const first = results.get(variants[0].name)!;
  const ratio = (xs: number[], ys: number[]) => +(median(xs) / median(ys)).toFixed(3);
  const summary = Object.fromEntries(
    variants.map(({ name }) => {
      const r = results.get(name)!;
      return [
        name,
        {
          readyMs: { ...stats(r.readyMs), ratio: ratio(r.readyMs, first.readyMs) },
          ...Object.fromEntries(COMMANDS.map((c, i) => [commandKey(i), { ...stats(r.commands[i]), ratio: ratio(r.commands[i], first.commands[i]) }])),
        },
      ];
    }),
  );
  console.log(JSON.stringify({ runs: RUNS, delayMs: DELAY_MS, variants: summary }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
