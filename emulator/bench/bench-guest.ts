// npm run bench:guest — the guest's speed in v86 under Node, with the machine otherwise idle.
// Runs one emulator at a time (v86 needs one core; V8's compiler the other) and prints one JSON
// object last. Commands are typed into the console as a learner would and timed to the prompt.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { GuestMachine } from "../src/guest-machine";
import { createNodeEmulator, defaultGuestDir, readCleanState, readManifest } from "../src/node";
import { ConsoleDriver } from "../testing";
import { measureQemu } from "./qemu-guest";
import { repeat, summarize } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const guestDir = defaultGuestDir();
  const manifest = await readManifest(guestDir);
  const state = await readCleanState(manifest, guestDir);
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

  if (process.env.BENCH_ONLY === "network") {
    // Only the network's cost, in a few minutes: BENCH_ONLY=network npm run bench:guest
    await type("docker pull busybox");
    const network = await measureNetworkCost(machine, RUNS);
    await machine.destroy();
    const ratio = +(network.bridge.median / network.noNet.median).toFixed(2);
    console.log(JSON.stringify({ dockerRunNoNetMs: network.noNet.median, dockerRunBridgeMs: network.bridge.median, bridgeOverNoNet: ratio, ...network }));
    return;
  }
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
  const network = await measureNetworkCost(machine, RUNS);
  // Where a warm `docker run` spends its time: guest CPU ticks per process and per mode, and
  // the emulator's instruction rate, over RUNS runs.
  const profile = await profileDockerRun(machine, RUNS);

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
    dockerRunNoNetMs: network.noNet.median,
    dockerRunBridgeMs: network.bridge.median,
    bridgeOverNoNet: +(network.bridge.median / network.noNet.median).toFixed(2),
    bridgeNetwork: network.bridgeNetwork,
    qemuTcgDockerRunMs: qemuTcg?.dockerRunMs?.median ?? null,
    qemuKvmDockerRunMs: qemuKvm?.dockerRunMs?.median ?? null,
    v86OverQemuTcg: qemuTcg?.dockerRunMs ? +(agentDockerRunMs.median / qemuTcg.dockerRunMs.median).toFixed(2) : null,
    profile,
    detail: { dockerCliMs, dockerRunMs, tagMs, pullMs, agentDockerRunMs, network, qemuTcg, qemuKvm },
  };
  console.log(JSON.stringify(result));
}

// What a container's network costs: `docker run --rm busybox true` with `--network none` and on
// the default bridge, alternating so that both meet the same state of v86's JIT, timed through
// the control agent. A daemon without the default bridge ("bridge": "none") is measured on a
// user-defined bridge network instead, and says so in bridgeNetwork.
async function measureNetworkCost(machine: GuestMachine, runs: number) {
  const run = async (flags: string) => {
    const started = performance.now();
    const result = await machine.exec(`docker run --rm ${flags}busybox true`, { timeoutMs: 300_000 });
    if (result.exitCode !== 0) throw new Error(`docker run ${flags}: ${result.stderr}`);
    return performance.now() - started;
  };
  const networks = (await machine.exec("docker network ls --format '{{.Name}}'")).stdout.split("\n");
  let bridgeFlags = "";
  let bridgeNetwork = "default bridge";
  if (!networks.includes("bridge")) {
    await machine.exec("docker network create bench-net", { timeoutMs: 300_000 });
    bridgeFlags = "--network bench-net ";
    bridgeNetwork = "user-defined bridge (the daemon has no default bridge)";
  }
  const firstBridgeMs = Math.round(await run(bridgeFlags)); // a new network's first container
  await run("--network none ");
  const noNet: number[] = [];
  const bridge: number[] = [];
  for (let i = 0; i < runs; i++) {
    noNet.push(await run("--network none "));
    bridge.push(await run(bridgeFlags));
  }
  if (bridgeFlags) await machine.exec("docker network rm bench-net", { timeoutMs: 300_000 });
  return { bridgeNetwork, firstBridgeMs, noNet: summarize(noNet), bridge: summarize(bridge) };
}

// Cumulative CPU ticks (1/100 s): the whole system by mode, and the long-lived daemons by
// process. Short-lived processes (docker CLI, containerd-shim, crun) are counted in "other".
const SNAPSHOT_CPU = `
read -r _ user nice system idle iowait irq softirq _ < /proc/stat
echo "system user=$((user+nice)) sys=$((system+irq+softirq)) idle=$idle iowait=$iowait"
for name in dockerd containerd docker-registry; do
  pid=$(pidof -s $name) && set -- $(cut -d')' -f2 /proc/$pid/stat) && echo "$name cpu=$(( \${12} + \${13} ))"
done`;

function parseCpu(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.trim().split("\n")) {
    const [name, ...fields] = line.split(" ");
    for (const field of fields) {
      const [key, value] = field.split("=");
      values[name === "system" ? key : name] = Number(value);
    }
  }
  return values;
}

async function profileDockerRun(machine: GuestMachine, runs: number) {
  const v86 = machine.v86!;
  const before = parseCpu((await machine.exec(SNAPSHOT_CPU)).stdout);
  const instructionsBefore = v86.get_instruction_counter();
  const started = performance.now();
  for (let i = 0; i < runs; i++) await machine.exec("docker run --rm busybox echo hi >/dev/null", { timeoutMs: 300_000 });
  const seconds = (performance.now() - started) / 1000;
  const instructions = v86.get_instruction_counter() - instructionsBefore;
  const after = parseCpu((await machine.exec(SNAPSHOT_CPU)).stdout);
  const delta = (key: string) => ((after[key] ?? 0) - (before[key] ?? 0)) / 100 / runs;
  const busy = delta("user") + delta("sys");
  const daemons = delta("dockerd") + delta("containerd") + delta("docker-registry");
  return {
    secondsPerRun: +(seconds / runs).toFixed(2),
    guestCpuSecondsPerRun: { user: +delta("user").toFixed(2), sys: +delta("sys").toFixed(2), idle: +delta("idle").toFixed(2), iowait: +delta("iowait").toFixed(2) },
    processCpuSecondsPerRun: {
      dockerd: +delta("dockerd").toFixed(2),
      containerd: +delta("containerd").toFixed(2),
      registry: +delta("docker-registry").toFixed(2),
      otherIncludingCliShimCrunKernel: +(busy - daemons).toFixed(2),
    },
    instructionsPerRun: Math.round(instructions / runs),
    mips: Math.round(instructions / seconds / 1e6),
  };
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
