// Every exercise of the real content, against a modelled docker (app/_testing/fake-docker.mjs): the check must
// fail on a fresh machine with a hint in both languages, the solution must succeed, and then the
// check must pass (run through the same batching the lesson page uses). The real guest has the
// last word (npm run content:check -- --guest); this catches logic slips early and fast.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { buildCheckBatch, parseCheckBatch } from "../exercises/batch";
import { CHECK_HELPERS_PATH } from "../exercises/check-helpers";
import { loadContent } from "./loader";

const FAKE = path.join(process.cwd(), "app/_testing/fake-docker.mjs");
const HELPERS = path.join(process.cwd(), "emulator/guest/overlay", CHECK_HELPERS_PATH);
const content = loadContent(path.join(process.cwd(), "content"));

function machine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-ex-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.mkdirSync(path.join(dir, "root"));
  fs.writeFileSync(path.join(dir, "bin/docker"), `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" "$@"\n`, { mode: 0o755 });
  // curl reaches only the model's Engine API on docker's socket (the check helpers' `engine`); every
  // other network tool fails, as checks must not need the network.
  fs.writeFileSync(
    path.join(dir, "bin/curl"),
    `#!/bin/sh\ncase " $* " in *" --unix-socket /var/run/docker.sock "*) ;; *) exit 7 ;; esac\n` +
      `for url; do :; done\nexec "${process.execPath}" "${FAKE}" api "\${url#http://docker}" 2>/dev/null\n`,
    { mode: 0o755 },
  );
  for (const tool of ["wget", "busybox"]) fs.writeFileSync(path.join(dir, "bin", tool), "#!/bin/sh\nexit 7\n", { mode: 0o755 });
  const localizePaths = (script: string) =>
    script.replaceAll("/root/", `${dir}/root/`).replaceAll("/var/lib/docker-registry", `${dir}/registry`);
  // The guest's check helpers, reading this machine's registry (checks source them first).
  fs.writeFileSync(path.join(dir, "check-helpers.sh"), localizePaths(fs.readFileSync(HELPERS, "utf8")));
  const localize = (script: string) => localizePaths(script).replaceAll(CHECK_HELPERS_PATH, path.join(dir, "check-helpers.sh"));
  const env = {
    ...process.env,
    PATH: `${dir}/bin:${process.env.PATH}`,
    FAKE_DOCKER_STATE: path.join(dir, "state.json"),
    FAKE_REGISTRY_ROOT: path.join(dir, "registry"),
  };
  const sh = (script: string) => {
    const r = spawnSync("/bin/sh", ["-c", localize(script)], { env, encoding: "utf8", timeout: 60_000 });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  };
  sh("docker images >/dev/null"); // the model's first call fills its registry, as the guest's is filled at build
  return { sh, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Exercises whose solutions the model cannot play: containers that keep running and stop and start
// again (-d, stop, start), exit codes other than 0 and 1, docker build, volumes and bind mounts. The
// real guest proves them (content:check --guest, emulator/test/exercises.test.ts); here only their
// fresh-machine failure and its two-language hint are checked.
const GUEST_ONLY = new Set(["run-clock", "restart-clock", "exit-code", "build-quote", "push-quote", "keep-diary", "bind-www", "publish-port", "reach-by-name", "compose-up", "compose-by-name"]);

for (const lesson of content.lessons) {
  describe(`lesson ${lesson.order} ${lesson.slug}`, () => {
    for (const ex of lesson.locales.en.exercises) {
      if (GUEST_ONLY.has(ex.id)) {
        test(`${ex.id}: fails fresh with a hint (its solution is proven in the guest only)`, () => {
          const m = machine();
          try {
            const fresh = m.sh(ex.check);
            assert.notEqual(fresh.code, 0, `check passed on a fresh machine:\n${fresh.out}`);
            assert.match(fresh.out, /^en: .+/m, "hint line in English");
            assert.match(fresh.out, /^zh: .+/m, "hint line in Chinese");
            assert.ok(fresh.out.split("\n").filter(Boolean).length <= 4, `hint is short:\n${fresh.out}`);
          } finally {
            m.cleanup();
          }
        });
        continue;
      }
      test(`${ex.id}: fails fresh with a hint, passes after the solution`, () => {
        const m = machine();
        try {
          const fresh = m.sh(ex.check);
          assert.notEqual(fresh.code, 0, `check passed on a fresh machine:\n${fresh.out}`);
          assert.match(fresh.out, /^en: .+/m, "hint line in English");
          assert.match(fresh.out, /^zh: .+/m, "hint line in Chinese");
          assert.ok(fresh.out.split("\n").filter(Boolean).length <= 4, `hint is short:\n${fresh.out}`);

          const solution = m.sh(ex.solution);
          assert.equal(solution.code, 0, `solution failed:\n${solution.out}`);

          const batch = buildCheckBatch([{ id: ex.id, check: ex.check }]);
          const run = m.sh(batch.script);
          const [verdict] = parseCheckBatch(run.out, batch);
          assert.ok(verdict, `no verdict in:\n${run.out}`);
          assert.equal(verdict.passed, true, `check failed after the solution:\n${verdict.output}`);
        } finally {
          m.cleanup();
        }
      });
    }
  });
}

test("checks are read-only: running a check twice leaves the same verdict and no new state", () => {
  const m = machine();
  try {
    const ex = content.lessons.find((l) => l.slug === "tag")!.locales.en.exercises.find((e) => e.id === "tag-greeting")!;
    m.sh(ex.solution);
    const before = m.sh("docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}'; docker ps -a --format '{{.Names}}'");
    assert.equal(m.sh(ex.check).code, 0);
    assert.equal(m.sh(ex.check).code, 0);
    const afterwards = m.sh("docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}'; docker ps -a --format '{{.Names}}'");
    assert.equal(afterwards.out, before.out);
  } finally {
    m.cleanup();
  }
});
