// A check must accept every correct way to reach its state, not just its solution's, and refuse a
// state that only looks right. Each attempt below is what a learner might type: correct ones
// (another tag of the image, its ID or digest, a relative path) must pass; fooling ones (a renamed
// copy instead of a pull, `echo uname`, `false /note.txt`, a name removed instead of an image) must
// fail with a message that says what the check saw. exercises.test.ts proves the solutions.
//
// One machine and one reset for all: before each attempt its exercise's `given` (the state a
// learner arrives with, idempotent), after it its `undo`. Each docker call costs 1-3 s and a
// `docker run` about 9 s here, so the list keeps to attempts that each prove something new.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadContent } from "../../app/_lib/content/loader";
import { pickHint } from "../../app/_lib/exercises/batch";
import type { GuestMachine } from "../src/guest-machine";
import { createNodeSandbox, repoRoot } from "../src/node";

interface Attempt {
  /** What the learner typed. */
  typed: string;
  passes: boolean;
  /** For an attempt that must fail: what the check's English message must say. */
  says?: RegExp;
}

interface ExerciseAttempts {
  exercise: string;
  /** The state a learner arrives with; run before every attempt, so it must be idempotent. */
  given: string;
  /** Undoes whatever an attempt may have left. */
  undo: string;
  attempts: Attempt[];
}

const REGISTRY = "/var/lib/docker-registry/docker/registry/v2/repositories";

/** busybox shell that writes a one-line page and serves it on PORT. */
const SERVE = (line: string, port: number) => `mkdir /www && echo ${line} > /www/index.html && httpd -f -p ${port} -h /www`;

/** Shell that writes a file of LINES into DIR and stays there, as a learner's `cat > FILE` would. */
const composeFile = (dir: string, name: string, lines: string[]) =>
  `mkdir -p ${dir} && cd ${dir} && printf '%s\\n' ${lines.map((l) => `'${l.replace(/'/g, "'\\''")}'`).join(" ")} > ${name}`;

const ATTEMPTS: ExerciseAttempts[] = [
  {
    exercise: "container-kernel",
    given: "docker pull -q busybox",
    undo: "docker rm -f kernel",
    attempts: [
      { typed: "docker run --name kernel busybox echo uname -r", passes: false, says: /ran "echo uname -r", not uname -r/ },
      { typed: "docker run --name kernel busybox uname", passes: false, says: /ran "uname", not uname -r/ },
      { typed: "docker run --rm busybox uname -r", passes: false, says: /no container named kernel.*--rm is deleted/ },
      { typed: "docker run --name kernel busybox:1.35 uname -r", passes: true },
      { typed: "docker run --name kernel --entrypoint uname busybox -r", passes: true },
    ],
  },
  {
    exercise: "own-hostname",
    given: "docker pull -q busybox && docker pull -q hello-world",
    undo: "docker rm -f box1",
    attempts: [
      { typed: "docker run --name box1 --hostname inside hello-world hostname", passes: false, says: /created from hello-world, which is not busybox's image/ },
      // By digest: busybox@sha256:…, as docker images --digests shows it.
      { typed: "docker run --name box1 --hostname inside \"$(docker image inspect --format '{{index .RepoDigests 0}}' busybox)\" hostname", passes: true },
    ],
  },
  {
    exercise: "hello-world",
    given: "docker pull -q busybox",
    undo: "docker rm -f hello",
    attempts: [
      { typed: "docker run --name hello busybox echo Hello from Docker!", passes: false, says: /created from busybox, which is not the hello-world image/ },
      { typed: "docker run --name hello docker.io/library/hello-world:latest", passes: true },
    ],
  },
  {
    exercise: "writable-layer",
    given: "docker pull -q busybox",
    undo: "docker rm -f note",
    attempts: [
      { typed: "docker run --name note busybox touch /tmp/note.txt", passes: false, says: /writable layer holds \/tmp, but no \/note\.txt/ },
      { typed: "docker run --name note \"$(docker images -q busybox:latest)\" touch /note.txt", passes: true },
    ],
  },
  {
    exercise: "image-unchanged",
    given: "docker pull -q busybox",
    undo: "docker rm -f reader",
    attempts: [
      { typed: "docker run --name reader busybox false /note.txt", passes: false, says: /ran "false \/note\.txt", which does not read a file/ },
      { typed: "docker run --name reader -w /tmp busybox cat note.txt", passes: false, says: /reads \/tmp\/note\.txt, not \/note\.txt/ },
      { typed: "docker run --name reader busybox cat note.txt", passes: true },
    ],
  },
  {
    exercise: "pull-by-address",
    given: "docker pull -q hello-world",
    undo: "docker rmi localhost:5000/library/hello-world",
    attempts: [
      { typed: "docker tag hello-world localhost:5000/library/hello-world", passes: false, says: /was not pulled from localhost:5000/ },
    ],
  },
  {
    exercise: "pull-tag",
    given: "docker pull -q busybox",
    undo: "docker rmi busybox:1.35.0 localhost:5000/library/busybox:1.35.0",
    attempts: [
      { typed: "docker tag busybox localhost:5000/library/busybox:1.35.0", passes: false, says: /was not pulled from localhost:5000/ },
      { typed: "docker pull busybox:1.35.0", passes: false, says: /no image called localhost:5000\/library\/busybox:1\.35\.0/ },
    ],
  },
  {
    exercise: "top-layer",
    given: "docker pull -q webapp",
    undo: "rm -f /root/top-layer.txt",
    attempts: [
      { typed: "docker image inspect --format '{{index .RootFS.Layers 0}}' webapp > /root/top-layer.txt", passes: false, says: /bottom layer, the one it shares with busybox/ },
      { typed: "docker image inspect --format '{{range .RootFS.Layers}}{{println .}}{{end}}' webapp | grep . | tail -n 1 | cut -c 8-19 > /root/top-layer.txt", passes: true },
    ],
  },
  {
    exercise: "tag-greeting",
    given: "docker pull -q busybox && docker pull -q hello-world",
    undo: "docker rmi greeting:v1",
    attempts: [
      { typed: "docker tag busybox greeting:v1", passes: false, says: /points at another image than hello-world's: the one also called .*busybox:latest/ },
      { typed: "docker tag \"$(docker images -q hello-world:latest)\" greeting:v1", passes: true },
    ],
  },
  {
    exercise: "rename-hello",
    given: "docker pull -q hello-world",
    undo: "docker rmi hello:1.0",
    attempts: [
      { typed: "docker tag hello-world hello:1.0", passes: false, says: /the old name hello-world:latest is still there/ },
      { typed: "docker tag \"$(docker images -q hello-world:latest)\" hello:1.0 && docker rmi hello-world", passes: true },
    ],
  },
  {
    exercise: "push-site",
    given: "docker pull -q busybox",
    undo: `docker rmi localhost:5000/site:1.0; rm -rf ${REGISTRY}/site`,
    attempts: [
      { typed: "docker tag busybox localhost:5000/site:1.0 && docker push localhost:5000/site:1.0", passes: false, says: /site:1\.0 is another image than webapp's/ },
    ],
  },
  {
    exercise: "pull-back",
    given: "docker pull -q webapp && docker tag webapp site:1.0 && docker rmi webapp && docker tag site:1.0 localhost:5000/site:1.0 && docker push localhost:5000/site:1.0",
    undo: "docker rmi site:1.0 localhost:5000/site:1.0 webapp",
    attempts: [
      { typed: "docker rmi site:1.0", passes: false, says: /is the image tagged here earlier; it was never deleted/ },
      {
        typed: "docker pull webapp && docker rmi site:1.0 localhost:5000/site:1.0 && docker pull localhost:5000/site:1.0",
        passes: false,
        says: /never left the machine: its image is also called webapp:latest/,
      },
    ],
  },
  {
    exercise: "run-clock",
    given: "docker pull -q busybox",
    undo: "docker rm -f clock",
    attempts: [
      // -d alone: busybox's sh ends at once without a terminal, so the container has exited.
      { typed: "docker run -d --name clock busybox", passes: false, says: /clock exists but exited with code 0/ },
      { typed: "docker run -d --name clock busybox:1.35 sleep 3600", passes: true },
    ],
  },
  {
    exercise: "restart-clock",
    given: "docker pull -q busybox && docker rm -f clock; docker run -d --name clock busybox sleep 3600",
    undo: "docker rm -f clock",
    attempts: [
      // A new container of that name has never stopped.
      { typed: "docker rm -f clock && docker run -d --name clock busybox sleep 3600", passes: false, says: /never stopped since it was created/ },
      { typed: "docker kill clock && docker start clock", passes: true },
    ],
  },
  {
    exercise: "exit-code",
    given: "docker pull -q busybox",
    undo: "docker rm -f quitter",
    attempts: [
      { typed: "docker run --name quitter busybox false", passes: false, says: /exited with code 1, not 3/ },
      { typed: "docker run --name quitter busybox ls /nowhere /neither; docker run --rm busybox sh -c 'exit 3'", passes: false, says: /exited with code 1, not 3/ },
    ],
  },
  {
    exercise: "build-quote",
    given: "docker pull -q busybox && mkdir -p /root/q && cd /root/q && echo 'Keep it small' > quote.txt",
    undo: "docker rmi -f quote:1.0; rm -rf /root/q",
    attempts: [
      // busybox renamed: no layer of its own.
      { typed: "docker tag busybox quote:1.0", passes: false, says: /busybox's layer alone/ },
      // Prints the words, but has no /quote.txt.
      { typed: "cd /root/q && printf '%s\\n' 'FROM busybox' 'CMD [\"echo\", \"Keep it small\"]' > Dockerfile && docker build -q -t quote:1.0 .", passes: false, says: /has busybox's layer alone|no file \/quote.txt/ },
      // Shell form, WORKDIR and a relative path: the same image in other words.
      { typed: "cd /root/q && printf '%s\\n' 'FROM busybox' 'WORKDIR /' 'COPY quote.txt .' 'CMD cat quote.txt' > Dockerfile && docker build -q -t quote:1.0 .", passes: true },
    ],
  },
  {
    exercise: "push-quote",
    given: "docker pull -q busybox && mkdir -p /root/q && cd /root/q && echo 'Keep it small' > quote.txt && printf '%s\\n' 'FROM busybox' 'COPY quote.txt /quote.txt' 'CMD [\"cat\", \"/quote.txt\"]' > Dockerfile && docker build -q -t quote:1.0 .",
    undo: `docker rmi localhost:5000/quote:1.0; rm -rf ${REGISTRY}/quote`,
    attempts: [
      // busybox pushed under the name: the registry's quote:1.0 is not the local quote:1.0.
      { typed: "docker tag busybox localhost:5000/quote:1.0 && docker push localhost:5000/quote:1.0", passes: false, says: /registry's quote:1\.0 is the image [0-9a-f]{12}, but your quote:1\.0 is [0-9a-f]{12}\. Tag and push your quote:1\.0 again/ },
      { typed: "docker tag quote:1.0 localhost:5000/quote:1.0 && docker push localhost:5000/quote:1.0", passes: true },
    ],
  },
  {
    exercise: "keep-diary",
    given: "docker pull -q busybox",
    undo: "docker rm -f scribe; docker volume rm diary",
    attempts: [
      { typed: "docker run --name scribe -v diary:/diary busybox sh -c 'echo day one > /diary/entry.txt'", passes: false, says: /the container scribe still uses the volume/ },
      { typed: "docker run --rm -v diary:/d busybox sh -c 'echo day one > /d/entry.txt'", passes: true },
    ],
  },
  {
    exercise: "bind-www",
    given: "docker pull -q busybox",
    undo: "docker rm -f publisher; docker volume rm publisher-data; rm -rf /root/www",
    attempts: [
      // Written from the machine's shell, then a container that only mounts the directory.
      {
        typed: "mkdir -p /root/www && echo hello from a container > /root/www/index.html && sleep 2 && docker run --name publisher -v /root/www:/www busybox true",
        passes: false,
        says: /written outside publisher's run/,
      },
      { typed: "docker run --name publisher -v publisher-data:/www busybox sh -c 'echo hello from a container > /www/index.html'", passes: false, says: /does not mount the guest's \/root\/www/ },
      { typed: "mkdir -p /root/www && docker run --name publisher --mount type=bind,source=/root/www,target=/srv busybox sh -c 'cd /srv && echo hello from a container > index.html'", passes: true },
    ],
  },
  {
    exercise: "publish-port",
    given: "docker pull -q busybox",
    undo: "docker rm -f shop",
    attempts: [
      { typed: "docker run -d --name shop busybox sh -c 'mkdir /www && echo open for business > /www/index.html && httpd -f -p 80 -h /www'", passes: false, says: /publishes no port on the machine/ },
      { typed: "docker run -d --name shop -p 8082:80 busybox sh -c 'mkdir /www && echo open for business > /www/index.html && httpd -f -p 80 -h /www'", passes: false, says: /publishes the machine's port 8082, not 8081/ },
      // Published, but to a container port nothing listens on.
      { typed: "docker run -d --name shop -p 8081:8080 busybox sh -c 'mkdir /www && echo open for business > /www/index.html && httpd -f -p 80 -h /www' && sleep 3", passes: false, says: /gives no page/ },
      // Another container port, on the machine's loopback address only.
      { typed: "docker run -d --name shop -p 127.0.0.1:8081:8000 -w /srv busybox sh -c 'echo open for business > index.html && exec httpd -f -p 8000' && sleep 3", passes: true },
    ],
  },
  {
    exercise: "reach-by-name",
    given: "docker pull -q busybox",
    undo: "docker rm -f api; docker network rm backend; rm -f /root/from-api.txt",
    attempts: [
      // api on the default bridge, and the file typed by hand.
      {
        typed: "docker network create backend && docker run -d --name api busybox sh -c 'mkdir /www && echo hello from the api > /www/index.html && httpd -f -p 80 -h /www' && echo hello from the api > /root/from-api.txt",
        passes: false,
        says: /api runs, but on the network bridge, not on backend/,
      },
      // The file typed by hand before api ran.
      {
        typed: "echo hello from the api > /root/from-api.txt && sleep 2 && docker network create backend && docker run -d --name api --network backend busybox sh -c 'mkdir /www && echo hello from the api > /www/index.html && httpd -f -p 80 -h /www' && sleep 3",
        passes: false,
        says: /older than the container api/,
      },
      // Connected to backend afterwards, still on the bridge too; fetched with a terminal (-t writes CRLF).
      {
        typed: "docker network create backend && docker run -d --name api busybox sh -c 'mkdir /www && echo hello from the api > /www/index.html && httpd -f -p 80 -h /www' && docker network connect backend api && sleep 2 && docker run --rm -t --network backend busybox wget -qO- http://api > /root/from-api.txt",
        passes: true,
      },
    ],
  },
  {
    exercise: "compose-up",
    given: "docker pull -q busybox",
    undo: "docker rm -f handmade; cd /root/site && docker compose down; cd / && rm -rf /root/site",
    attempts: [
      // The right container, but made by hand, not by Compose.
      { typed: `docker run -d --name handmade -p 8083:80 busybox sh -c '${SERVE("built by compose", 80)}' && sleep 2`, passes: false, says: /There is no \/root\/site\/compose\.yaml yet/ },
      // Another file name Compose reads, the long form of a port, another container port.
      {
        typed: `${composeFile("/root/site", "docker-compose.yml", ["services:", "  web:", "    image: busybox", `    command: sh -c '${SERVE("built by compose", 8000)}'`, "    ports:", "      - target: 8000", '        published: "8083"'])} && docker compose up -d && sleep 3`,
        passes: true,
      },
    ],
  },
  {
    exercise: "compose-by-name",
    given: "docker pull -q busybox",
    undo: "cd /root/duo && docker compose down; cd / && rm -rf /root/duo",
    attempts: [
      // web serves a name of its own instead of fetching api's page.
      {
        typed: `${composeFile("/root/duo", "compose.yaml", ["services:", "  api:", "    image: busybox", "    command: sh -c 'mkdir /www && hostname > /www/index.html && httpd -f -p 80 -h /www'", "  web:", "    image: busybox", `    command: sh -c '${SERVE("api", 80)}'`, "    ports:", '      - "8084:80"'])} && docker compose up -d && sleep 3`,
        passes: false,
        says: /answers "api", but api's host name is [0-9a-f]{12}/,
      },
      // api with a host name of its own, set in the file.
      {
        typed: `${composeFile("/root/duo", "compose.yaml", ["services:", "  api:", "    image: busybox", "    hostname: stock-service", "    command: sh -c 'mkdir /www && hostname > /www/index.html && httpd -f -p 80 -h /www'", "  web:", "    image: busybox", "    command: sh -c 'mkdir /www && until wget -qO /www/index.html http://api/; do sleep 1; done && httpd -f -p 80 -h /www'", "    ports:", '      - "8084:80"'])} && docker compose up -d && sleep 5`,
        passes: true,
      },
    ],
  },
];

const checks = new Map(loadContent(join(repoRoot, "content")).lessons.flatMap((l) => l.locales.en.exercises.map((e) => [e.id, e.check])));
let machine: GuestMachine;

before(async () => {
  machine = await createNodeSandbox();
  await machine.start();
  await machine.reset();
});

after(async () => {
  await machine?.destroy();
});

/** Runs a learner's commands (their failure is part of some attempts); their output, for messages. */
async function type(script: string): Promise<string> {
  const r = await machine.exec(`${script} 2>&1`, { timeoutMs: 180_000 });
  assert.ok(!r.timedOut, `timed out: ${script}`);
  return r.stdout;
}

for (const { exercise, given, undo, attempts } of ATTEMPTS) {
  describe(exercise, () => {
    for (const attempt of attempts) {
      test(`${attempt.passes ? "passes" : "fails"}: ${attempt.typed}`, async () => {
        const check = checks.get(exercise);
        assert.ok(check, `no exercise ${exercise} in content/`);
        await type(given);
        const typed = await type(attempt.typed);
        try {
          const r = await machine.exec(check, { timeoutMs: 60_000 });
          const said = pickHint(r.stdout + r.stderr, "en");
          const context = `the check said: ${said || "(nothing)"}\nthe attempt printed: ${typed}`;
          assert.equal(r.exitCode === 0, attempt.passes, context);
          if (attempt.says) assert.match(said.replace(/\n/g, " "), attempt.says, context);
        } finally {
          await type(undo);
        }
      });
    }
  });
}
