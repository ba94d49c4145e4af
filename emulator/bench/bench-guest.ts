// npm run bench:guest — the guest's speed in v86 under Node, with the machine otherwise idle.
// Runs one emulator at a time (v86 needs one core; V8's compiler the other) and prints one JSON
// object last. Commands are typed into the console as a learner would and timed to the prompt.

import { readFile } from "node:fs/promises";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { GuestMachine } from "../src/guest-machine";
import { createNodeEmulator, defaultGuestDir, readManifest } from "../src/node";
import { ConsoleDriver } from "../test/console-driver";
import { measureQemu } from "./qemu-guest";
import { repeat } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const guestDir = defaultGuestDir();
  const manifest = await readManifest(guestDir);
  const file = await readFile(join(guestDir, manifest.state.file));
  const state = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const partsDir = join(guestDir, "disk");
  const diskPartsBytes = readdirSync(partsDir).reduce((n, f) => n + statSync(join(partsDir, f)).size, 0);

  const machine = new GuestMachine({
    manifest,
    createEmulator: (cold) => createNodeEmulator(manifest, guestDir, cold),
    loadCleanState: async () => state, // already in memory: restoreMs excludes the download
  });
  const learner = new ConsoleDriver(machine);
  await machine.start();
  const restoreMs = Math.round(machine.lastRestoreMs!);
  const type = async (command: string) => {
    const { text, ms } = await learner.run(command, 300_000);
    if (/Error|error:/.test(text)) throw new Error(`${command}: ${text}`);
    return ms;
  };

  const firstDockerCliMs = await type("docker images");
  const dockerCliMs = await repeat(RUNS, () => type("docker images"));
  const pullBusyboxMs = await type("docker pull busybox");
  const firstDockerRunMs = await type("docker run --rm busybox echo hi");
  const dockerRunMs = await repeat(RUNS, () => type("docker run --rm busybox echo hi"));
  const tagMs = await repeat(RUNS, (i) => type(`docker tag busybox bench:v${i}`));
  const pullMs = await repeat(RUNS, async () => {
    const ms = await type("docker pull webapp");
    await type("docker rmi webapp");
    return ms;
  });
  // The same measure as QEMU's below: timed through the control agent, not the console.
  const agentDockerRunMs = await repeat(RUNS, async () => {
    const started = performance.now();
    const result = await machine.exec("docker run --rm busybox echo hi", { timeoutMs: 300_000 });
    if (result.exitCode !== 0) throw new Error(`docker run via the agent: ${result.stderr}`);
    return performance.now() - started;
  });
  await machine.destroy();

  // Same disk image, kernel, memory and daemon settings under QEMU (one emulator at a time).
  const qemuTcg = process.env.BENCH_SKIP_QEMU ? null : await measureQemu("tcg", RUNS);
  const qemuKvm = process.env.BENCH_SKIP_QEMU ? null : await measureQemu("kvm", RUNS);

  const result = {
    v86Version: manifest.v86Version,
    memoryMB: manifest.memoryMB,
    stateBytes: manifest.state.size,
    stateRawBytes: manifest.state.rawSize,
    diskBytes: manifest.disk.size,
    diskPartsBytes,
    restoreMs,
    firstDockerCliMs,
    dockerCliMs: dockerCliMs.median,
    pullBusyboxMs,
    firstDockerRunMs,
    dockerRunMs: dockerRunMs.median,
    tagMs: tagMs.median,
    pullMs: pullMs.median,
    agentDockerRunMs: agentDockerRunMs.median,
    qemuTcgDockerRunMs: qemuTcg?.dockerRunMs?.median ?? null,
    qemuKvmDockerRunMs: qemuKvm?.dockerRunMs?.median ?? null,
    v86OverQemuTcg: qemuTcg?.dockerRunMs ? +(agentDockerRunMs.median / qemuTcg.dockerRunMs.median).toFixed(2) : null,
    detail: { dockerCliMs, dockerRunMs, tagMs, pullMs, agentDockerRunMs, qemuTcg, qemuKvm },
  };
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
