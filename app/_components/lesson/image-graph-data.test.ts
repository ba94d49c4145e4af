import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { humanSize, IMAGE_GRAPH_SCRIPT, layerHue, parseImageGraph } from "./image-graph-data";

const BUSY = "sha256:7cfbbec8963d8ec16043db6f28ce4069aef399fbd2a519a12a855d4b690355c4";
const WEB = "sha256:2c4fa1b7e0d5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const L1 = "sha256:6cd7d29e6807631f8fd264c2746728733e3119f3f611884466cdd9b47a0132dd";

/** A stand-in for curl on the guest's docker socket: the image list, or each image's inspect. */
function fakeCurl(dir: string, list: object[], layers: Record<string, string[]>): void {
  const answers = Object.entries(layers)
    .map(([id, l]) => `  *${id.replace("sha256:", "")}*) printf '%s' '${JSON.stringify({ Id: id, RootFS: { Type: "layers", Layers: l } })}' ;;`)
    .join("\n");
  fs.writeFileSync(
    path.join(dir, "curl"),
    `#!/bin/sh
format=
for arg in "$@"; do
  case "$prev" in -w) format=$arg ;; esac
  prev=$arg
  case "$arg" in
    http://docker/images/json) printf '%s' '${JSON.stringify(list)}' ;;
    http://docker/images/*/json)
      case "$arg" in
${answers}
        *) ;;
      esac
      printf "$format" ;;
  esac
done
`,
    { mode: 0o755 },
  );
}

test("the script asks the Engine API in two curls and its output parses into names -> images -> layers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-graph-"));
  try {
    const DANGLING = "sha256:" + "f".repeat(64);
    fakeCurl(
      dir,
      [
        { Id: BUSY, RepoTags: ["busybox:latest", "mybox:v1"], Size: 1_953_000 },
        { Id: WEB, RepoTags: ["webapp:latest"], Size: 1_960_512 },
        { Id: DANGLING, RepoTags: null, Size: 224_000 },
      ],
      // The dangling image's inspect is missing, as when it is removed between the two requests.
      { [BUSY]: [L1], [WEB]: [L1, "sha256:bbbb", "sha256:cccc"] },
    );
    const out = execFileSync("/bin/sh", ["-c", IMAGE_GRAPH_SCRIPT], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    const graph = parseImageGraph(out);
    assert.deepEqual(
      graph.images.map((i) => [i.shortId, i.tags, i.layers.length, i.size]),
      [
        ["7cfbbec8963d", ["busybox:latest", "mybox:v1"], 1, "1.95MB"],
        ["2c4fa1b7e0d5", ["webapp:latest"], 3, "1.96MB"],
        ["ffffffffffff", [], 0, "224kB"],
      ],
    );
    assert.equal(graph.layerUse[L1], 2);
    assert.equal(graph.layerUse["sha256:bbbb"], 1);
    const hues = graph.layerHues;
    assert.equal(new Set([hues[L1], hues["sha256:bbbb"], hues["sha256:cccc"]]).size, 3, "distinct layers, distinct colours");
    assert.doesNotMatch(IMAGE_GRAPH_SCRIPT, /\bdocker (images|image)\b/, "no docker CLI start");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("sizes read as docker images writes them", () => {
  assert.deepEqual([0, 999, 4_261, 1_953_125, 12_000_000, 1_234_567_890].map(humanSize), ["0B", "999B", "4.26kB", "1.95MB", "12MB", "1.23GB"]);
});

test("an empty engine gives an empty picture", () => {
  assert.deepEqual(parseImageGraph("[]\n@@dbl-end\n").images, []);
});

test("layer hues are stable", () => {
  assert.equal(layerHue(L1), layerHue(L1));
  assert.ok(layerHue(L1) >= 0 && layerHue(L1) < 360);
});
