// Reads `dpkg-query` lines (package, version, source, source version) on stdin and prints the
// guest's package list as JSON, with the licences named in each package's Debian copyright file.
// A package listed twice (the machine's and an image's) appears once.
// Usage: dpkg-query ... | node licences.mjs ROOTFS [IMAGE_ROOTFS...]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const roots = process.argv.slice(2);
const input = readFileSync(0, "utf8");

function licencesOf(pkg) {
  const file = roots.map((root) => join(root, "usr/share/doc", pkg, "copyright")).find(existsSync);
  if (!file) return [];
  const found = new Set();
  // Machine-readable (DEP-5) copyright files name each licence in a "License:" field.
  for (const match of readFileSync(file, "utf8").matchAll(/^License:[ \t]*(\S[^\n]*)$/gm)) {
    found.add(match[1].trim());
  }
  return [...found].slice(0, 12);
}

const firstLineByName = new Map();
for (const line of input.split("\n").filter(Boolean)) {
  const name = line.split("\t")[0];
  if (!firstLineByName.has(name)) firstLineByName.set(name, line);
}
const packages = [...firstLineByName.values()]
  .map((line) => {
    const [name, version, source, sourceVersion] = line.split("\t");
    return {
      name,
      version,
      source: source || name,
      sourceVersion: sourceVersion || version,
      licences: licencesOf(name),
      copyright: `/usr/share/doc/${name}/copyright`,
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

process.stdout.write(JSON.stringify({ distribution: "Debian 12 (bookworm), i386", sourceArchive: "https://deb.debian.org/debian/pool/main/ (and https://snapshot.debian.org/)", packages }, null, 2));
