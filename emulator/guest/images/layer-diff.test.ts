import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { layerPaths } from "./layer-diff.mjs";

function tree(root: string, files: Record<string, string | { link: string } | { mode: number; content: string }>) {
  for (const [path, entry] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === "string") writeFileSync(full, entry);
    else if ("link" in entry) symlinkSync(entry.link, full);
    else {
      writeFileSync(full, entry.content);
      chmodSync(full, entry.mode);
    }
  }
}

test("the layer holds what is new or changed, a whiteout for what went, and nothing unchanged", () => {
  const dir = mkdtempSync(join(tmpdir(), "layer-diff-"));
  const lower = join(dir, "lower");
  const upper = join(dir, "upper");
  const base = {
    "etc/passwd": "root:x:0:0\n",
    "etc/motd": "hello\n",
    "usr/bin/tool": { mode: 0o755, content: "#!/bin/sh\n" },
    "var/log/nginx/old.log": "x",
    "lib/link": { link: "/usr/lib" },
  };
  tree(lower, base);
  tree(upper, {
    ...base,
    "etc/motd": "changed\n", // content
    "usr/bin/tool": { mode: 0o700, content: "#!/bin/sh\n" }, // mode only
    "lib/link": { link: "/usr/lib2" }, // link target
    "etc/nginx/nginx.conf": "events {}\n", // a new directory with a file
  });
  // Gone from the upper tree: its whiteout.
  rmSync(join(upper, "var/log/nginx/old.log"));

  assert.deepEqual(layerPaths(lower, upper), [
    "./etc/motd",
    "./etc/nginx",
    "./etc/nginx/nginx.conf",
    "./lib/link",
    "./usr/bin/tool",
    "./var/log/nginx/.wh.old.log",
  ]);
  assert.ok(existsSync(join(upper, "var/log/nginx/.wh.old.log")), "the whiteout is a file in the upper tree, for tar to pack");
});
