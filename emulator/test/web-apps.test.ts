// The registry's web images and Compose in the real guest, restored in v86 under Node, on one
// machine in the order a web tutorial goes (the `debian` layer the three images share is pulled
// once, by the first, as a learner's would be): nginx published with -p, every image's origin
// label, then Compose's getting-started app (a Flask page built FROM python that counts its
// visits in redis) up, counting, and down. Needs the artifacts of `npm run guest:build`.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createNodeSandbox } from "../src/node";
import type { GuestMachine } from "../src/guest-machine";

let machine: GuestMachine;

before(async () => {
  machine = await createNodeSandbox();
  await machine.start();
});

after(async () => {
  await machine?.destroy();
});

// The first pull of an image over the 40.8 MB `debian` layer takes about 3.5 minutes here.
const TIMEOUT_MS = 600_000;

const sh = async (script: string) => {
  const result = await machine.exec(script, { timeoutMs: TIMEOUT_MS });
  assert.equal(result.exitCode, 0, `${script}\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

/** curl until the server inside a container that was just started answers (its first seconds). */
const curlWhenUp = (url: string) =>
  sh(`for i in $(seq 30); do curl -sf ${url} && exit 0; sleep 1; done; echo "no answer from ${url}" >&2; exit 1`);

const APP = `from flask import Flask
from redis import Redis
app = Flask(__name__)
cache = Redis(host="redis", port=6379)
@app.route("/")
def hello():
    return f"Hello World! I have been seen {cache.incr('hits')} times.\\n"
app.run(host="0.0.0.0", port=5000)
`;

const COMPOSE = `services:
  web:
    build: .
    ports:
      - "8000:5000"
  redis:
    image: "redis"
`;

describe("web images and Compose", () => {
  test("docker run -d -p 8080:80 nginx serves nginx's welcome page on the guest's localhost", async () => {
    await sh("docker run -d --name web -p 8080:80 nginx");
    try {
      const page = await curlWhenUp("http://localhost:8080/");
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
    } finally {
      await machine.exec("docker rm -f web", { timeoutMs: TIMEOUT_MS });
    }
  });

  test("nginx's access log is the container's output, as with the official image", async () => {
    // The engine's default log driver is none (docs/performance.md); json-file keeps the output.
    await sh("docker run -d --name logged --log-driver json-file -p 8081:80 nginx");
    try {
      await curlWhenUp("http://localhost:8081/");
      const log = await sh("sleep 1; docker logs logged 2>&1");
      assert.match(log, /"GET \/ HTTP\/1\.1" 200/);
    } finally {
      await machine.exec("docker rm -f logged", { timeoutMs: TIMEOUT_MS });
    }
  });

  test("every image says it was built from Debian's packages, not pulled from Docker Hub", async () => {
    const out = await sh(
      "for i in nginx redis python; do docker pull -q $i >/dev/null && docker image inspect $i --format '{{.RepoTags}} {{index .Config.Labels \"org.opencontainers.image.description\"}}'; done",
    );
    for (const name of ["nginx", "redis", "python"]) {
      assert.match(out, new RegExp(`^\\[${name}:latest\\] .*Debian 12 \\(bookworm\\) i386 packages\\. Not the Docker Hub image`, "m"));
    }
  });

  test("docker info names Compose from its metadata script; docker compose runs the real program", async () => {
    assert.match(await sh("docker info 2>/dev/null | grep -i 'compose:'"), /compose: Docker Compose \(Docker Inc\., v?2\.26\.1(-4)?\)/);
    assert.match(await sh("docker compose version"), /^Docker Compose version v?2\.26\.1/m);
    assert.match(await sh("docker-compose version"), /^Docker Compose version v?2\.26\.1/m);
  });

  test("docker compose up -d brings up web and redis; the visit count goes up; down removes them", async () => {
    const files = { "app.py": APP, Dockerfile: 'FROM python\nWORKDIR /code\nCOPY app.py .\nCMD ["python", "app.py"]\n', "compose.yaml": COMPOSE };
    const write = Object.entries(files)
      .map(([name, text]) => `echo ${Buffer.from(text).toString("base64")} | base64 -d > ${name}`)
      .join(" && ");
    await sh(`mkdir -p /root/composetest && cd /root/composetest && ${write}`);
    try {
      const up = await machine.exec("cd /root/composetest && docker compose up -d 2>&1", { timeoutMs: TIMEOUT_MS });
      assert.equal(up.exitCode, 0, up.stdout + up.stderr);
      const ps = await sh("cd /root/composetest && docker compose ps --format '{{.Service}} {{.State}}'");
      assert.match(ps, /^redis running$/m);
      assert.match(ps, /^web running$/m);
      const first = await curlWhenUp("http://localhost:8000/");
      const second = await sh("curl -sf http://localhost:8000/");
      assert.match(first, /^Hello World! I have been seen 1 times\.$/m);
      assert.match(second, /^Hello World! I have been seen 2 times\.$/m);
      // The project's network is named after its folder; the services find each other by name on it.
      assert.match(await sh("docker network ls --format '{{.Name}}'"), /^composetest_default$/m);
    } finally {
      const down = await machine.exec("cd /root/composetest && docker compose down 2>&1", { timeoutMs: TIMEOUT_MS });
      assert.equal(down.exitCode, 0, down.stdout + down.stderr);
    }
    assert.equal((await sh("docker ps -aq --filter label=com.docker.compose.project=composetest")).trim(), "");
  });
});
