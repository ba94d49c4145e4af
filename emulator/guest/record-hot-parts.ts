// Records which disk parts a learner's session reads after resuming the snapshot: every lesson's
// solution and check scripts, run in order on one machine, each lesson followed by what the page
// itself runs after a command (the pictures' scripts, the port scan). The site precaches these parts
// (offline use) and prefetches them after resume, so the first commands do not wait on the
// network. The parts read by the first commands a learner types (the "docker basics" step) are
// also written on their own: the site preloads those into the emulator's memory during the resume.
// Usage: record-hot-parts.ts GUEST_DIR CONTENT_DIR OUT_DIR   (writes recorded.json, startup.json)

import { promises as fsPromises } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { withCheckHelpers } from "../../app/_lib/exercises/check-helpers";
import { CONTAINER_GRAPH_SCRIPT } from "../../app/_components/lesson/container-graph-data";
import { IMAGE_GRAPH_SCRIPT } from "../../app/_components/lesson/image-graph-data";
import { PORTS_SCRIPT } from "../../app/_lib/preview/ports";
import { partsSpanned } from "../src/disk-preload";
import { FIRST_COMMANDS } from "./first-commands";
import { createNodeSandbox, readManifest } from "../src/node";

const [guestDir, contentDir, outDir] = process.argv.slice(2);

async function lessonScripts(): Promise<{ name: string; script: string }[]> {
  const scripts: { name: string; script: string }[] = [];
  const lessons = (await readdir(contentDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const lesson of lessons) {
    const exercisesDir = join(contentDir, lesson, "exercises");
    const exercises = await readdir(exercisesDir).catch(() => [] as string[]);
    for (const exercise of exercises.sort()) {
      for (const file of ["check.sh", "solution.sh", "check.sh"]) {
        const script = await readFile(join(exercisesDir, exercise, file), "utf8").catch(() => null);
        // A check runs with the guest's helpers sourced, as in the site: without them it fails early
        // and reads less than a learner's check does.
        if (script) scripts.push({ name: `${lesson}/${exercise}/${file}`, script: file === "check.sh" ? withCheckHelpers(script) : script });
      }
    }
    // Programs that no check or solution may start any more (the checks left the docker CLI for
    // the Engine API): offline, a part they need and the precache lacks stops the machine.
    scripts.push({ name: `${lesson}/image picture`, script: IMAGE_GRAPH_SCRIPT });
    scripts.push({ name: `${lesson}/container picture`, script: CONTAINER_GRAPH_SCRIPT });
    scripts.push({ name: `${lesson}/port scan`, script: PORTS_SCRIPT });
  }
  return scripts;
}

async function main() {
  const manifest = await readManifest(guestDir);
  const chunk = manifest.disk.chunkSize;
  const read = new Set<number>();

  // v86 reads the raw image through fs/promises `open(...).read({ position })`: note each chunk.
  const originalOpen = fsPromises.open;
  fsPromises.open = (async (...args: Parameters<typeof originalOpen>) => {
    const handle = await originalOpen(...args);
    if (String(args[0]).endsWith(manifest.disk.raw)) {
      const originalRead = handle.read.bind(handle);
      handle.read = ((options: any) => {
        // Every part the read spans: the site fetches whole parts, so a read that crosses into the
        // next part needs that one too (noting only the first left about 35 more of the first
        // `docker ps`'s reads in the browser waiting on the network; docs/performance.md).
        if (options && typeof options.position === "number") {
          const length = options.length ?? options.buffer?.byteLength ?? 1;
          for (const part of partsSpanned(options.position, length, chunk)) read.add(part);
        }
        return originalRead(options);
      }) as typeof handle.read;
    }
    return handle;
  }) as typeof originalOpen;
  syncBuiltinESMExports();

  const machine = await createNodeSandbox({ guestDir, manifest });
  await machine.start();
  const afterResume = read.size;
  let startup: number[] = [];
  const scripts = [{ name: "docker basics", script: FIRST_COMMANDS }, ...(await lessonScripts())];
  for (const { name, script } of scripts) {
    const result = await machine.exec(script, { timeoutMs: 600_000 });
    console.log(`hot parts: ${name}: exit ${result.exitCode}, ${read.size} parts read so far`);
    if (name === "docker basics") startup = [...read];
  }
  await machine.destroy();

  // In the order first read, so a prefetch brings the soonest-needed parts first.
  const names = (indexes: number[]) => indexes.map((i) => `disk/disk-${i * chunk}-${(i + 1) * chunk}.img.zst`);
  const parts = names([...read]);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "recorded.json"), JSON.stringify(parts) + "\n");
  await writeFile(join(outDir, "startup.json"), JSON.stringify(names(startup)) + "\n");
  console.log(`hot parts: ${afterResume} read by the resume, ${startup.length} by the first commands, ${parts.length} in all (${((parts.length * chunk) / 2 ** 20).toFixed(0)} MiB raw)`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
