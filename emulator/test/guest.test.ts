// The real guest, restored from the real state in v86 under Node, driven as a learner would.
// Needs the artifacts of `npm run guest:build`.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { diskOf, partOffsets, preloadParts } from "../src/disk-preload";
import { createNodeSandbox } from "../src/node";
import type { GuestMachine } from "../src/guest-machine";
import { ConsoleDriver } from "../testing";

let machine: GuestMachine;
let learner: ConsoleDriver;

before(async () => {
  machine = await createNodeSandbox();
  learner = new ConsoleDriver(machine);
  await machine.start();
  // The welcome text and a prompt are on the screen after a resume.
  await waitFor(() => learner.output.includes("root@lab"), 20_000);
});

after(async () => {
  learner?.dispose();
  await machine?.destroy();
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const imageIdOf = (text: string, repo: string, tag: string) =>
  text.split("\n").find((line) => new RegExp(`^${repo}\\s+${tag.replace(/\./g, "\\.")}\\s`).test(line))?.split(/\s+/)[2];

describe("the learner's console", () => {
  test("the welcome text names the registry's images", () => {
    assert.match(learner.output, /busybox\s+latest, 1\.35, 1\.35\.0/);
    assert.match(learner.output, /hello-world/);
  });

  test("docker version shows the 20.10 server", async () => {
    const { text } = await learner.run("docker version");
    assert.match(text, /Server:[\s\S]*Version:\s+20\.10\./);
    assert.match(text, /OS\/Arch:\s+linux\/386/);
  });

  test("the image store starts empty", async () => {
    const { text } = await learner.run("docker images");
    assert.match(text, /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE\s*$/m);
    assert.equal(text.trim().split("\n").length, 1, text);
  });

  test("docker pull busybox pulls layer by layer from the in-guest registry", async () => {
    const { text } = await learner.run("docker pull busybox");
    assert.match(text, /Using default tag: latest/);
    assert.match(text, /[0-9a-f]{12}: Pull complete/);
    assert.match(text, /Status: Downloaded newer image for busybox:latest/);
  });

  test("docker tag makes a second name for the same image ID", async () => {
    await learner.run("docker tag busybox mybox:v1");
    const { text } = await learner.run("docker images");
    assert.match(text, /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE/m);
    const busybox = imageIdOf(text, "busybox", "latest");
    const mybox = imageIdOf(text, "mybox", "v1");
    assert.match(busybox ?? "", /^[0-9a-f]{12}$/, text);
    assert.equal(mybox, busybox);
  });

  test("docker run runs a container", async () => {
    const { text } = await learner.run("docker run --rm busybox echo hi");
    assert.match(text, /^hi$/m);
  });

  test("a three-layer image shares its first layer with busybox", async () => {
    const { text } = await learner.run("docker pull webapp");
    assert.equal(text.match(/: Already exists/g)?.length, 1, text);
    assert.equal(text.match(/: Pull complete/g)?.length, 2, text);
  });

  test("push to localhost:5000, remove, and pull back", async () => {
    await learner.run("docker tag mybox:v1 localhost:5000/mybox:v1");
    const push = await learner.run("docker push localhost:5000/mybox:v1");
    assert.match(push.text, /v1: digest: sha256:[0-9a-f]{64}/);
    const rmi = await learner.run("docker rmi localhost:5000/mybox:v1");
    assert.match(rmi.text, /Untagged: localhost:5000\/mybox:v1/);
    const pull = await learner.run("docker pull localhost:5000/mybox:v1");
    assert.match(pull.text, /localhost:5000\/mybox:v1/);
    assert.doesNotMatch(pull.text, /Error/);
  });

  test("pulling an image the registry lacks fails fast with Docker's error", async () => {
    const { text, ms } = await learner.run("docker pull nosuchimage", 30_000);
    assert.match(text, /Error response from daemon/);
    assert.match(text, /hint: this machine is offline\. Its registry \(localhost:5000\) holds: busybox, hello-world, webapp, debian, nginx, redis, python/);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe("the control channel", () => {
  test("exit codes and output come back exactly", async () => {
    const result = await machine.exec("printf 'line one\\n  中文 ✓\\ttab\\r\\n'; echo oops >&2; exit 7");
    assert.equal(result.exitCode, 7);
    assert.equal(result.stdout, "line one\n  中文 ✓\ttab\r\n");
    assert.equal(result.stderr, "oops\n");
    assert.equal(result.timedOut, false);
  });

  test("output is binary-safe", async () => {
    const result = await machine.exec("i=0; while [ $i -lt 256 ]; do printf \"\\\\$(printf %o $i)\"; i=$((i+1)); done");
    assert.equal(result.exitCode, 0);
    assert.deepEqual([...result.stdoutBytes!], Array.from({ length: 256 }, (_, i) => i));
  });

  test("a timeout returns timedOut", async () => {
    const started = Date.now();
    const result = await machine.exec("sleep 30", { timeoutMs: 1_500 });
    assert.equal(result.timedOut, true);
    assert.ok(Date.now() - started < 5_000);
  });

  test("an AbortSignal stops waiting", async () => {
    const controller = new AbortController();
    const pending = machine.exec("sleep 30", { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(pending, { name: "AbortError" });
  });

  test("100 calls in a row all answer right, and nothing reaches the console", async () => {
    const before = learner.output.length;
    for (let i = 0; i < 100; i++) {
      const result = await machine.exec(`echo call-${i}; exit ${i % 4}`);
      assert.equal(result.stdout, `call-${i}\n`);
      assert.equal(result.exitCode, i % 4);
    }
    assert.equal(learner.output.slice(before), "");
  });
});

describe("the disk preload (what the site does right after a resume)", () => {
  test("reads the startup and hot parts through v86, and the guest then reads the same bytes", async () => {
    const disk = diskOf(machine.v86);
    assert.ok(disk, "v86's disk object was not found where disk-preload.ts looks for it");
    const site = JSON.parse(readFileSync("public/guest/manifest.json", "utf8"));
    const parts = (file: string): string[] => JSON.parse(readFileSync(`public/guest/${site.base}${file}`, "utf8"));
    const chunk = site.disk.chunkSize;
    // The state holds the first commands' pages already, so the startup list is short; the hot
    // parts (every program the lessons run, the CLI and dockerd among them) go the same way.
    const startup = partOffsets(parts("startup-parts.json"), chunk);
    assert.ok(startup.length > 0, "no startup parts");
    const offsets = [...new Set([...startup, ...partOffsets(parts("hot-parts.json"), chunk)])];
    assert.ok(offsets.length > 200, `only ${offsets.length} startup and hot parts`);
    assert.equal(await preloadParts(disk, offsets, chunk), offsets.length);
    // With the page cache dropped, the CLI and the daemon's binaries are read again from the disk,
    // now from the preloaded parts: their bytes must match the package's checksums.
    const check = await machine.exec(
      "sync; echo 3 > /proc/sys/vm/drop_caches; cd / && grep -E ' usr/(s?bin/dockerd?)$' /var/lib/dpkg/info/docker.io.md5sums | md5sum -c",
      { timeoutMs: 120_000 },
    );
    assert.equal(check.exitCode, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /usr\/bin\/docker: OK/);
    assert.match(check.stdout, /usr\/sbin\/dockerd: OK/);
  });
});

describe("supervision (init brings dockerd back)", () => {
  /** Kills dockerd and waits until init's new one serves: a new "Starting up", then "API listen on". */
  async function restartDockerd(): Promise<string> {
    const count = async () => Number((await machine.exec("grep -c 'Starting up' /var/log/dockerd.log", { timeoutMs: 60_000 })).stdout.trim());
    const starts = await count();
    await machine.exec("kill -9 $(pidof dockerd)", { timeoutMs: 60_000 });
    const deadline = Date.now() + 180_000;
    for (;;) {
      const serving = await machine.exec("awk '/Starting up/{s=0} /API listen on/{s=1} END{exit !s}' /var/log/dockerd.log", { timeoutMs: 60_000 });
      if ((await count()) > starts && serving.exitCode === 0) break;
      if (Date.now() > deadline) throw new Error("dockerd did not serve again within 180 s of the kill");
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return (await machine.exec("awk '/Starting up/{log=\"\"} {log=log $0 \"\\n\"} END{printf \"%s\", log}' /var/log/dockerd.log", { timeoutMs: 60_000 })).stdout;
  }

  test("without one, a restarted dockerd spends no time on the sandboxes earlier runs left behind", async () => {
    // Each run leaves its network sandbox in dockerd's store (moby#46583); run-dockerd empties it.
    const runs = await machine.exec("docker pull -q busybox >/dev/null && docker run --rm busybox true && docker run --rm busybox true", { timeoutMs: 180_000 });
    assert.equal(runs.exitCode, 0, runs.stderr);
    const log = await restartDockerd();
    assert.doesNotMatch(log, /Removing stale sandbox/);
    // dockerd made its built-in networks again, and containers find them by name.
    const ok = await machine.exec("docker network ls --format '{{.Name}}' && docker run --rm --network none busybox echo back-after-restart", { timeoutMs: 180_000 });
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.match(ok.stdout, /^none$/m);
    assert.match(ok.stdout, /^host$/m);
    assert.match(ok.stdout, /^back-after-restart$/m);
  });

  test("a network the learner made, and its use, survive a dockerd restart", async () => {
    const made = await machine.exec("docker network create lesson-net && docker run --rm --network lesson-net busybox true", { timeoutMs: 180_000 });
    assert.equal(made.exitCode, 0, made.stderr);
    await restartDockerd();
    const after = await machine.exec("docker network ls --format '{{.Name}}' && docker run --rm --network lesson-net busybox true && docker network rm lesson-net", { timeoutMs: 180_000 });
    assert.equal(after.exitCode, 0, after.stderr);
    assert.match(after.stdout, /^lesson-net$/m);
  });
});
