// Build steps that boot the guest in v86 under Node:
//   provision DIR  boots the fresh disk once so Docker initialises /var/lib/docker and
//                  /var/lib/containerd, shuts down cleanly, and writes the disk back:
//                  blocks written now are not part of the state later.
//   snapshot DIR   boots the provisioned disk with exactly the browser's options, waits for
//                  Docker, warms what a first lesson touches, drops caches and saves the state.
// DIR holds disk.img, bzImage, initrd.img, bios.bin and vgabios.bin; the snapshot step adds
// state.bin.zst and manifest.json.

import { execFileSync } from "node:child_process";
import { createWriteStream, readFileSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { GuestMachine } from "../src/guest-machine";
import type { GuestManifest } from "../src/guest-manifest";
import { computeOptionsHash } from "../src/v86-options";
import { createNodeEmulator, v86Version } from "../src/node";
import type { TerminalLike } from "../src/sandbox";
import { ConsoleDriver } from "../testing";
import { FIRST_COMMANDS } from "./first-commands";

export const GUEST_MEMORY_MB = Number(process.env.DBL_GUEST_MEMORY_MB ?? 256);
export const DISK_CHUNK_SIZE = 256 * 1024;
export const KERNEL_CMDLINE = [
  "console=ttyS0",
  "root=/dev/sda",
  "rw",
  "tsc=reliable",
  "mitigations=off",
  "random.trust_cpu=on",
  // Freed pages are zeroed, and v86 stores only non-zero pages: a much smaller state.
  "init_on_free=1",
  "nowatchdog",
].join(" ");

const [step, dir] = process.argv.slice(2);

function fileRef(file: string) {
  const data = readFileSync(join(dir, file));
  return { file, size: data.length, sha256: execFileSync("sha256sum", [join(dir, file)], { encoding: "utf8" }).slice(0, 64) };
}

async function baseManifest(): Promise<GuestManifest> {
  const diskPath = join(dir, "disk.img");
  const partial = {
    schema: 1 as const,
    v86Version,
    memoryMB: GUEST_MEMORY_MB,
    cmdline: KERNEL_CMDLINE,
    bios: fileRef("bios.bin"),
    vgaBios: fileRef("vgabios.bin"),
    kernel: fileRef("bzImage"),
    initrd: fileRef("initrd.img"),
    disk: {
      raw: "disk.img",
      parts: "disk/disk.img.zst",
      size: statSync(diskPath).size,
      chunkSize: DISK_CHUNK_SIZE,
      sha256: execFileSync("sha256sum", [diskPath], { encoding: "utf8", maxBuffer: 1 << 20 }).slice(0, 64),
    },
    images: JSON.parse(readFileSync(join(dir, "images.json"), "utf8")),
  };
  const optionsHash = await computeOptionsHash(partial);
  // The state entry is filled in once the state exists.
  return { ...partial, optionsHash, state: { file: "", size: 1, rawSize: 1, sha256: "0".repeat(64) } };
}

/** A terminal that only records the console, so a failed boot can be read afterwards. */
function logTerminal(path: string): TerminalLike {
  const log = createWriteStream(path);
  return { write: (data) => log.write(data), onInput: () => () => {}, onResize: () => () => {}, cols: 120, rows: 40 };
}

async function run(machine: GuestMachine, script: string, timeoutMs = 120_000): Promise<string> {
  const result = await machine.exec(script, { timeoutMs });
  if (result.timedOut || result.exitCode !== 0) {
    throw new Error(`guest: \`${script}\` failed (${result.timedOut ? "timed out" : `exit ${result.exitCode}`}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1) + " s";

async function provision() {
  const manifest = await baseManifest();
  const diskPath = join(dir, "disk.img");
  const disk = new Uint8Array(manifest.disk.size);
  const handle = await open(diskPath, "r");
  await handle.read(disk, 0, disk.length, 0);
  await handle.close();

  const started = Date.now();
  const machine = new GuestMachine({
    manifest,
    createEmulator: (cold) => createNodeEmulator(manifest, dir, cold, { kind: "buffer", buffer: disk.buffer }),
    loadCleanState: () => Promise.reject(new Error("provisioning always boots cold")),
  });
  machine.attachTerminal(logTerminal(join(dir, "provision-console.log")));
  await machine.start({ coldBoot: true });
  console.log(`provision: Docker up after ${seconds(started)}`);
  console.log((await run(machine, "docker version --format 'server {{.Server.Version}} on {{.Server.Os}}/{{.Server.Arch}}'")).trim());
  console.log((await run(machine, "free -m | sed -n 2p; docker info --format 'runtime {{.DefaultRuntime}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}'")).trim());
  await run(machine, "/usr/local/lib/dbl/shutdown && grep -q ' / ext4 ro' /proc/mounts");
  await machine.destroy();
  const out = await open(diskPath, "r+");
  await out.write(disk, 0, disk.length, 0);
  await out.close();
  console.log(`provision: done in ${seconds(started)}`);
}

async function snapshot() {
  const manifest = await baseManifest();
  const started = Date.now();
  const machine = new GuestMachine({
    manifest,
    createEmulator: (cold) => createNodeEmulator(manifest, dir, cold),
    loadCleanState: () => Promise.reject(new Error("the snapshot step always boots cold")),
  });
  machine.attachTerminal(logTerminal(join(dir, "snapshot-console.log")));
  await machine.start({ coldBoot: true });
  console.log(`snapshot: Docker up after ${seconds(started)}`);
  // The first docker CLI call answers only once the daemon is fully up.
  await run(machine, "docker info >/dev/null");
  // The image store must be empty, as on a fresh install.
  await run(machine, 'test -z "$(docker images -q)"');
  // Every cached page is in the state, and most are never read again: drop what booting cached,
  // the daemons' mapped program pages too (memory.reclaim; drop_caches keeps mapped pages), then
  // run the learner's first commands with read-ahead off, so the state keeps just the pages they
  // read (the docker CLI, dockerd's handlers, the login shell's) and they do not wait for the disk
  // after a resume (docs/performance.md, "The saved state"). They are typed on the console, as a
  // learner does, and run through the agent, as the page's checks are, after what a resume runs
  // (the wait for Docker, the terminal's size); several times, since Go's programs do not touch
  // quite the same pages twice: each run after the first still added 11-31 disk reads of the CLI.
  // DBL_WARM=0 leaves them out.
  await run(machine, "sync; echo 3 > /proc/sys/vm/drop_caches; for i in 1 2 3; do echo 1G > /sys/fs/cgroup/memory.reclaim 2>/dev/null; done; true");
  if (process.env.DBL_WARM !== "0") {
    const readAhead = "/sys/block/sda/queue/read_ahead_kb";
    const before = (await run(machine, `cat ${readAhead}; echo 0 > ${readAhead}`)).trim();
    const learner = new ConsoleDriver(machine);
    for (let i = 0; i < 3; i++) await learner.run(FIRST_COMMANDS, 120_000);
    learner.dispose();
    const resume = "dbl-wait-docker 60 && stty -F /dev/ttyS0 rows 40 cols 120 && cat /etc/motd >/dev/null";
    await run(machine, `${resume} && for i in 1 2 3 4 5 6; do { ${FIRST_COMMANDS}; } >/dev/null; done && sync; echo ${before} > ${readAhead}`);
  }
  const raw = await machine.save();
  await machine.destroy();

  const rawPath = join(dir, "state.bin");
  writeFileSync(rawPath, new Uint8Array(raw.data));
  // A 16 MiB window (zstd -19 uses 8 MiB) finds more of what repeats across the guest's memory
  // than the default: 0.5 MB smaller, for 8 MiB more memory in v86's decoder while it restores.
  execFileSync("zstd", ["-q", "-f", "-19", "--zstd=wlog=24", "-T0", "--rm", rawPath, "-o", join(dir, "state.bin.zst")]);
  const state = { ...fileRef("state.bin.zst"), rawSize: raw.data.byteLength };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...manifest, state }, null, 2) + "\n");
  console.log(`snapshot: state ${(raw.data.byteLength / 2 ** 20).toFixed(1)} MiB raw, ${(state.size / 2 ** 20).toFixed(1)} MiB zstd, done in ${seconds(started)}`);
}

const steps: Record<string, () => Promise<void>> = { provision, snapshot };
if (!steps[step] || !dir) {
  console.error("usage: boot.ts provision|snapshot DIR");
  process.exit(2);
}
steps[step]().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
