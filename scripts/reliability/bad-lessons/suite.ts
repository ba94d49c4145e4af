// Row "bad lessons": 200 malformed copies of a real lesson, each run through the real content
// check (scripts/content-check.ts main(), in-process: the same code as `npm run content:check`).
// Each must exit 1 with a FAIL line naming the broken file and field, without throwing.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { main as contentCheck } from "../../content-check";
import { Tally, type Suite } from "../suite";
import { BASE_LESSON, generateVariants } from "./variants";

const ANSI = /\x1b\[[0-9;]*m/g;

async function check(contentDir: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await contentCheck(["--content", contentDir], (line) => lines.push(line.replace(ANSI, "")));
  return { code, lines };
}

export const badLessons: Suite = {
  name: "bad lessons",
  needs: "node",
  async run(ctx) {
    const variants = generateVariants(path.join(ctx.root, "content"));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-bad-lessons-"));
    const contentDir = path.join(work, "content");
    const lessonDir = path.join(contentDir, BASE_LESSON);
    const fresh = () => {
      fs.rmSync(contentDir, { recursive: true, force: true });
      fs.cpSync(path.join(ctx.root, "content", BASE_LESSON), lessonDir, { recursive: true });
    };
    const tally = new Tally();
    let crashes = 0;
    let slowest = 0;
    try {
      // The untouched copy must pass, or every "failure" below would prove nothing.
      fresh();
      const baseline = await check(contentDir);
      if (baseline.code !== 0) throw new Error(`the unmodified lesson fails the check:\n${baseline.lines.join("\n")}`);

      for (const v of variants) {
        fresh();
        v.apply(lessonDir);
        const started = performance.now();
        let outcome: { code: number; lines: string[] };
        try {
          outcome = await check(contentDir);
        } catch (err) {
          crashes++;
          tally.check(v.name, false, `the check threw: ${(err as Error).message}`);
          continue;
        }
        slowest = Math.max(slowest, performance.now() - started);
        const want = `FAIL ${v.file}: ${v.field}: `;
        const named = outcome.lines.some((l) => l.startsWith(want));
        const fails = outcome.lines.filter((l) => l.startsWith("FAIL")).map((l) => l.slice(0, 160));
        tally.check(`${v.category} / ${v.name}`, outcome.code === 1 && named, `exit ${outcome.code}, wanted "${want}…", got: ${fails.join(" | ") || "(no FAIL line)"}`);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    ctx.log(`  ${variants.length} variants; slowest check ${Math.round(slowest)} ms`);
    return tally.result(`${tally.passed} named file+field, ${crashes} crashes`);
  },
};
