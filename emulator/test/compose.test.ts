// Docker Compose v2 (`docker compose`) in the real guest, restored in v86 under Node: Compose's
// getting-started app, a Flask page built FROM python that counts its visits in redis, comes up
// with `docker compose up -d`, and goes away with `docker compose down`.
// Needs the artifacts of `npm run guest:build`.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
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

const sh = async (script: string) => {
  const result = await machine.exec(script, { timeoutMs: 600_000 });
  assert.equal(result.exitCode, 0, `${script}\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

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

test("docker info names Compose from its metadata script; docker compose runs the real program", async () => {
  assert.match(await sh("docker info 2>/dev/null | grep -i 'compose:'"), /compose: Docker Compose \(Docker Inc\., v?2\.26\.1\)/);
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
    const up = await machine.exec("cd /root/composetest && docker compose up -d 2>&1", { timeoutMs: 600_000 });
    assert.equal(up.exitCode, 0, up.stdout + up.stderr);
    const ps = await sh("cd /root/composetest && docker compose ps --format '{{.Service}} {{.State}}'");
    assert.match(ps, /^redis running$/m);
    assert.match(ps, /^web running$/m);
    const first = await sh("for i in $(seq 30); do curl -sf http://localhost:8000/ && exit 0; sleep 1; done; exit 1");
    const second = await sh("curl -sf http://localhost:8000/");
    assert.match(first, /^Hello World! I have been seen 1 times\.$/m);
    assert.match(second, /^Hello World! I have been seen 2 times\.$/m);
    // The project's network is named after its folder, and the services find each other by name on it.
    assert.match(await sh("docker network ls --format '{{.Name}}'"), /^composetest_default$/m);
  } finally {
    const down = await machine.exec("cd /root/composetest && docker compose down 2>&1", { timeoutMs: 600_000 });
    assert.equal(down.exitCode, 0, down.stdout + down.stderr);
  }
  assert.equal((await sh("docker ps -aq --filter label=com.docker.compose.project=composetest")).trim(), "");
});
