// Docker's default networking in the real guest, restored in v86 under Node: the three built-in
// networks, ports published to the guest's localhost, and names resolved by Docker's embedded
// DNS on a user-defined network. Needs the artifacts of `npm run guest:build`.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createNodeSandbox } from "../src/node";
import type { GuestMachine } from "../src/guest-machine";
import { ConsoleDriver } from "../testing";

let machine: GuestMachine;
let learner: ConsoleDriver;

before(async () => {
  machine = await createNodeSandbox();
  learner = new ConsoleDriver(machine);
  await machine.start();
  const pulled = await machine.exec("docker pull -q busybox", { timeoutMs: 300_000 });
  assert.equal(pulled.exitCode, 0, pulled.stderr);
});

after(async () => {
  learner?.dispose();
  await machine?.destroy();
});

const sh = async (script: string) => {
  const result = await machine.exec(script, { timeoutMs: 300_000 });
  assert.equal(result.exitCode, 0, `${script}\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

describe("Docker's default networking", () => {
  test("docker network ls shows bridge, host and none", async () => {
    const { text } = await learner.run("docker network ls", 300_000);
    assert.match(text, /^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE\s*$/m);
    assert.match(text, /^[0-9a-f]{12}\s+bridge\s+bridge\s+local\s*$/m);
    assert.match(text, /^[0-9a-f]{12}\s+host\s+host\s+local\s*$/m);
    assert.match(text, /^[0-9a-f]{12}\s+none\s+null\s+local\s*$/m);
  });

  test("a container on the default bridge gets an address on docker0", async () => {
    const out = await sh("docker run --rm busybox ip -4 -o addr show eth0");
    assert.match(out, /inet 172\.17\.\d+\.\d+\/16/);
  });

  test("-p publishes a container's port on the guest's localhost", async () => {
    await sh("docker run -d --name web -p 8080:80 busybox httpd -f -p 80 -h /etc");
    try {
      // httpd is up once the container runs; a few tries cover its first second.
      const out = await sh("for i in 1 2 3 4 5 6 7 8 9 10; do curl -sf http://localhost:8080/hostname && exit 0; sleep 1; done; exit 1");
      assert.match(out, /^[0-9a-f]{12}$/m, "the container's /etc/hostname: its short ID");
      const port = await sh("docker port web");
      assert.match(port, /^80\/tcp -> 0\.0\.0\.0:8080$/m);
    } finally {
      await machine.exec("docker rm -f web", { timeoutMs: 300_000 });
    }
  });

  test("containers on a user-defined network reach each other by name", async () => {
    await sh("docker network create app-net && docker run -d --name db --network app-net busybox httpd -f -p 80 -h /etc");
    try {
      const out = await sh("docker run --rm --network app-net busybox sh -c 'ping -c 1 -W 5 db && wget -qO- http://db/hostname'");
      assert.match(out, /^PING db \(172\.\d+\.\d+\.\d+\)/m);
      assert.match(out, /1 packets transmitted, 1 packets received/);
      assert.match(out, /^[0-9a-f]{12}$/m);
    } finally {
      await machine.exec("docker rm -f db; docker network rm app-net", { timeoutMs: 300_000 });
    }
  });

  test("a container's network hook is the guest's small libnetwork-setkey, not dockerd again", async () => {
    const id = (await sh("docker run -d busybox sleep 600")).trim();
    try {
      const hooks = await sh(`grep -o '"prestart":\\[[^]]*\\]' /run/containerd/io.containerd.runtime.v2.task/moby/${id}/config.json`);
      assert.match(hooks, /"path":"\/usr\/local\/lib\/dbl\/libnetwork-setkey","args":\["libnetwork-setkey"/);
    } finally {
      await machine.exec(`docker rm -f ${id}`, { timeoutMs: 300_000 });
    }
  });

  test("the networking tools tutorials use are on the guest", async () => {
    const out = await sh("curl --version | head -1; ping -V; kdig -V; ip -V");
    assert.match(out, /^curl \d/m);
    assert.match(out, /ping from iputils/);
    assert.match(out, /kdig \(Knot DNS\)/);
    assert.match(out, /^ip utility/m);
  });
});
