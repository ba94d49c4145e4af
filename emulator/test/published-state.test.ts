// The site serves the saved machine as parts (emulator/guest/build.mjs publishes them): joined as
// the site's manifest says, they are the guest build's state file, byte for byte, and no part is
// larger than a static host takes.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseGuestManifest, statePartsOf } from "../src/guest-manifest";
import { readCleanState, readManifest, repoRoot } from "../src/node";

const sha256 = (data: ArrayBuffer | Uint8Array) => createHash("sha256").update(new Uint8Array(data as ArrayBuffer)).digest("hex");

test("the site's state parts, joined, are the guest build's state, and each is at most 20 MiB", async () => {
  const site = join(repoRoot, "public/guest");
  const manifest = parseGuestManifest(JSON.parse(readFileSync(join(site, "manifest.json"), "utf8")), "public/guest/manifest.json");
  const own = await readManifest();
  assert.ok(manifest.state.parts && manifest.state.parts.length > 1, "the site's state is in parts");
  assert.equal(manifest.state.sha256, own.state.sha256);
  const joined = await readCleanState(manifest, join(site, manifest.base ?? ""));
  assert.equal(sha256(joined), own.state.sha256);
  assert.deepEqual(new Uint8Array(joined), new Uint8Array(await readCleanState(own)));
  for (const part of statePartsOf(manifest)) {
    assert.ok(part.size <= 20 * 2 ** 20, `${part.file}: ${part.size} bytes`);
    assert.equal(sha256(new Uint8Array(joined, part.offset, part.size)), part.sha256, part.file);
  }
});
