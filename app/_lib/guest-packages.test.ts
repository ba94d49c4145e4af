import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readGuestPackages } from "./guest-packages";

const dir = mkdtempSync(join(tmpdir(), "guest-packages-"));
const write = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

test("reads the guest build's packages.json with each package's licences", async () => {
  const file = write("ok.json", JSON.stringify({
    distribution: "Debian 12 (bookworm), i386",
    packages: [
      { name: "nginx-light", version: "1.22.1-9", source: "nginx", sourceVersion: "1.22.1-9", licences: ["BSD-2-clause", "MIT"], copyright: "/usr/share/doc/nginx-light/copyright" },
      { name: "adduser", version: "3.134", source: "adduser", sourceVersion: "3.134", licences: ["GPL-2+"], copyright: "/usr/share/doc/adduser/copyright" },
    ],
  }));
  assert.deepEqual(await readGuestPackages(file), [
    { name: "adduser", version: "3.134", license: "GPL-2+" },
    { name: "nginx-light", version: "1.22.1-9", license: "BSD-2-clause, MIT" },
  ]);
});

test("a missing or foreign file reads as not built", async () => {
  assert.equal(await readGuestPackages(join(dir, "missing.json")), null);
  assert.equal(await readGuestPackages(write("bad.json", "{")), null);
  assert.equal(await readGuestPackages(write("other.json", JSON.stringify({ packages: [{ name: "x", license: "MIT" }] }))), null);
});

test("the published list, when built, names a licence for most packages", async () => {
  const packages = await readGuestPackages();
  if (packages === null) return; // no guest built in this checkout: the page says so
  const withLicence = packages.filter((p) => p.license !== "").length;
  assert.ok(withLicence / packages.length > 0.8, `${withLicence} of ${packages.length} packages name a licence`);
});
