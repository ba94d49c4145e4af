// npm run test:reliability [-- --only name,name] [-- --needs node,browser]
//
// Runs every row of suites.ts in turn against the built site (out/, served by scripts/serve.mjs)
// and Debian's Chromium, and prints a table last: suite | trials | passed | figure | time.
// Exits 1 if any row has a failed trial or could not run. Progress goes to stderr.

import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright";
import type { GuestMachine } from "../../emulator/node";
import { SiteServer, startGuest } from "./resources";
import { launchChromium } from "../chromium";
import type { Context, Need, RunOptions, Suite, SuiteResult } from "./suite";
import { suites } from "./suites";
import { formatTable, type Row } from "./table";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function parseArgs(argv: string[]): { only: string[] | null; needs: Need[] | null; options: RunOptions } {
  let only: string[] | null = null;
  let needs: Need[] | null = null;
  const options: RunOptions = { trials: null, full: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => (inline ?? argv[++i] ?? "").split(",").filter(Boolean);
    if (flag === "--only") only = value();
    else if (flag === "--needs") needs = value() as Need[];
    else if (flag === "--trials") {
      options.trials = Number(value()[0]);
      if (!Number.isInteger(options.trials) || options.trials < 1) throw new Error("--trials takes a whole number above 0");
    } else if (flag === "--full") options.full = true;
    else throw new Error(`unknown argument ${argv[i]} (use --only name,name, --needs node,browser,guest, --trials N, --full)`);
  }
  return { only, needs, options };
}

async function main(): Promise<number> {
  const { only, needs, options } = parseArgs(process.argv.slice(2));
  const selected = suites.filter((s) => (!only || only.includes(s.name)) && (!needs || needs.includes(s.needs)));
  if (only) {
    const unknown = only.filter((n) => !suites.some((s) => s.name === n));
    if (unknown.length) throw new Error(`unknown suite(s): ${unknown.join(", ")}; known: ${suites.map((s) => s.name).join(", ")}`);
  }

  const server = new SiteServer(root);
  let siteUrl: Promise<string> | null = null;
  let browser: Promise<Browser> | null = null;
  let guest: Promise<GuestMachine> | null = null;
  const ctx: Context = {
    root,
    site: () => (siteUrl ??= server.start()),
    browser: () => (browser ??= launchChromium()),
    guest: () => (guest ??= startGuest()),
    options,
    log: (line) => process.stderr.write(line + "\n"),
  };

  const rows: Row[] = [];
  let failed = 0;
  try {
    for (const suite of selected) {
      ctx.log(`\n== ${suite.name} (${suite.needs})`);
      const started = performance.now();
      let result: SuiteResult;
      try {
        result = await suite.run(ctx);
      } catch (err) {
        result = { trials: 0, passed: 0, figure: "could not run", failures: [String(err instanceof Error ? err.stack ?? err.message : err)] };
      }
      const seconds = (performance.now() - started) / 1000;
      const ok = result.trials > 0 && result.passed === result.trials && result.failures.length === 0;
      if (!ok) failed++;
      for (const f of result.failures.slice(0, 20)) ctx.log(`  FAIL ${f}`);
      if (result.failures.length > 20) ctx.log(`  … and ${result.failures.length - 20} more`);
      ctx.log(`  ${ok ? "ok" : "FAILED"}: ${result.passed}/${result.trials}, ${result.figure} (${seconds.toFixed(1)} s)`);
      rows.push({ suite: suite.name + (ok ? "" : " (FAILED)"), trials: result.trials, passed: result.passed, figure: result.figure, seconds });
    }
  } finally {
    if (browser) await (await browser.catch(() => null))?.close().catch(() => {});
    if (guest) await (await guest.catch(() => null))?.destroy().catch(() => {});
    await server.stop();
  }

  process.stdout.write(`\nReliability: ${selected.length - failed} of ${selected.length} rows passed.\n\n${formatTable(rows)}\n`);
  return failed === 0 && selected.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
