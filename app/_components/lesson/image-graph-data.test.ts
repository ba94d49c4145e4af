import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { IMAGE_GRAPH_SCRIPT, layerHue, parseImageGraph } from "./image-graph-data";

const BUSY = "sha256:7cfbbec8963d8ec16043db6f28ce4069aef399fbd2a519a12a855d4b690355c4";
const WEB = "sha256:2c4fa1b7e0d5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const L1 = "sha256:6cd7d29e6807631f8fd264c2746728733e3119f3f611884466cdd9b47a0132dd";

test("the script runs against a fake docker and its output parses into names -> images -> layers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-graph-"));
  try {
    fs.writeFileSync(
      path.join(dir, "docker"),
      `#!/bin/sh
if [ "$1" = images ]; then
  echo "busybox|latest|${BUSY}|1.95MB"
  echo "mybox|v1|${BUSY}|1.95MB"
  echo "webapp|latest|${WEB}|1.96MB"
  echo "<none>|<none>|sha256:ffff|1kB"
  exit 0
fi
if [ "$1" = image ] && [ "$2" = inspect ]; then
  shift 4
  for id in "$@"; do
    case "$id" in
      ${BUSY}) echo "${BUSY} ${L1}" ;;
      ${WEB}) echo "${WEB} ${L1} sha256:bbbb sha256:cccc" ;;
      *) echo "$id" ;;
    esac
  done
fi
`,
      { mode: 0o755 },
    );
    const out = execFileSync("/bin/sh", ["-c", IMAGE_GRAPH_SCRIPT], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    const graph = parseImageGraph(out);
    assert.deepEqual(
      graph.images.map((i) => [i.shortId, i.tags, i.layers.length]),
      [
        ["7cfbbec8963d", ["busybox:latest", "mybox:v1"], 1],
        ["2c4fa1b7e0d5", ["webapp:latest"], 3],
        ["ffff", [], 0],
      ],
    );
    assert.equal(graph.layerUse[L1], 2);
    assert.equal(graph.layerUse["sha256:bbbb"], 1);
    const hues = graph.layerHues;
    assert.equal(new Set([hues[L1], hues["sha256:bbbb"], hues["sha256:cccc"]]).size, 3, "distinct layers, distinct colours");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an empty engine gives an empty picture", () => {
  assert.deepEqual(parseImageGraph("\n@@dbl-layers\n").images, []);
});

test("layer hues are stable", () => {
  assert.equal(layerHue(L1), layerHue(L1));
  assert.ok(layerHue(L1) >= 0 && layerHue(L1) < 360);
});
