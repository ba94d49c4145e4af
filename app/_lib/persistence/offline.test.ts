// The page and public/sw.js must agree on the cache the guest's files live in: the emulator's
// worker reads the clean state from it and stores it there (emulator/src/browser/clean-state.ts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { GUEST_CACHE } from "./offline";

test("the page names the service worker's own cache for the guest's files", () => {
  const sw = readFileSync(new URL("../../../public/sw.js", import.meta.url), "utf8");
  const version = sw.match(/const CACHE_VERSION = "([^"]+)"/)?.[1];
  const guest = sw.match(/const GUEST = `dbl-guest-\$\{CACHE_VERSION\}`/);
  assert.ok(version && guest, "public/sw.js names its guest cache dbl-guest-${CACHE_VERSION}");
  assert.equal(GUEST_CACHE, `dbl-guest-${version}`);
});
