// The registry's web images in the real guest, restored in v86 under Node: nginx published with
// -p, and the Compose getting-started app (a Flask page counting visits in redis) built from the
// python image and run on a user-defined network. Needs the artifacts of `npm run guest:build`.

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

const sh = async (script: string) => {
  const result = await machine.exec(script, { timeoutMs: 300_000 });
  assert.equal(result.exitCode, 0, `${script}\n${result.stdout}${result.stderr}`);
  return result.stdout;
};

/** curl until the server inside a container that was just started answers (its first seconds). */
const curlWhenUp = (url: string) =>
  sh(`for i in $(seq 30); do curl -sf ${url} && exit 0; sleep 1; done; echo "no answer from ${url}" >&2; exit 1`);

describe("the registry's web images", () => {
  test("docker run -d -p 8080:80 nginx serves nginx's welcome page on the guest's localhost", async () => {
    await sh("docker run -d --name web -p 8080:80 nginx");
    try {
      const page = await curlWhenUp("http://localhost:8080/");
      assert.match(page, /<title>Welcome to nginx!<\/title>/);
    } finally {
      await machine.exec("docker rm -f web", { timeoutMs: 300_000 });
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
      await machine.exec("docker rm -f logged", { timeoutMs: 300_000 });
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

  test("a Flask app built FROM python counts visits in redis, by name on a user-defined network", async () => {
    await sh(`mkdir -p /root/counter && cd /root/counter && cat > app.py <<'EOF'
from flask import Flask
from redis import Redis
app = Flask(__name__)
cache = Redis(host="redis", port=6379)
@app.route("/")
def hello():
    return f"Hello! I have been seen {cache.incr('hits')} times.\\n"
app.run(host="0.0.0.0", port=5000)
EOF
printf 'FROM python\\nWORKDIR /code\\nCOPY app.py .\\nCMD ["python", "app.py"]\\n' > Dockerfile`);
    try {
      await sh("cd /root/counter && docker build -q -t counter . && docker network create counter-net");
      await sh("docker run -d --name redis --network counter-net redis && docker run -d --name counter --network counter-net -p 8000:5000 counter");
      const first = await curlWhenUp("http://localhost:8000/");
      const second = await sh("curl -sf http://localhost:8000/");
      assert.match(first, /^Hello! I have been seen 1 times\.$/m);
      assert.match(second, /^Hello! I have been seen 2 times\.$/m);
    } finally {
      await machine.exec("docker rm -f counter redis; docker network rm counter-net; docker rmi counter", { timeoutMs: 300_000 });
    }
  });
});
