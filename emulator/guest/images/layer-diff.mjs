// The layer a `RUN apt-get install ...` would have made: the entries of UPPER that are new or
// changed against LOWER, plus a whiteout (`.wh.<name>`, Docker's layer format) for each entry
// LOWER has and UPPER lost. Both are extracted root file systems; timestamps are ignored (the
// tar that packs the list fixes them), so only what a container would see counts.

import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function sameEntry(a, b, pathA, pathB) {
  if (a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return false;
  if (a.isSymbolicLink()) return readlinkSync(pathA) === readlinkSync(pathB);
  if (a.isFile()) return a.size === b.size && readFileSync(pathA).equals(readFileSync(pathB));
  if (a.isCharacterDevice() || a.isBlockDevice()) return a.rdev === b.rdev;
  return true; // directories, fifos, sockets: same type and attributes
}

function lstatOrNull(path) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Returns the paths (relative, "./"-prefixed, for `tar --no-recursion -T`) that make the layer.
 * Whiteout files are created inside UPPER, which must be a scratch copy.
 */
export function layerPaths(lower, upper) {
  const paths = [];
  const walk = (rel) => {
    const names = readdirSync(join(upper, rel)).sort();
    for (const name of names) {
      const path = join(rel, name);
      const up = lstatSync(join(upper, path));
      const low = lstatOrNull(join(lower, path));
      const sameType = low && (up.mode & 0o170000) === (low.mode & 0o170000);
      if (!sameType || !sameEntry(up, low, join(upper, path), join(lower, path))) paths.push(path);
      // A new directory brings all it holds; a kept one is compared entry by entry.
      if (up.isDirectory()) {
        if (sameType) walk(path);
        else paths.push(...everythingUnder(upper, path));
      }
    }
    const lowDir = lstatOrNull(join(lower, rel));
    if (!lowDir?.isDirectory()) return;
    for (const name of readdirSync(join(lower, rel)).sort()) {
      if (names.includes(name)) continue;
      const whiteout = join(rel, `.wh.${name}`);
      writeFileSync(join(upper, whiteout), "");
      paths.push(whiteout);
    }
  };
  walk("");
  return paths.sort().map((p) => `./${p}`);
}

function everythingUnder(root, rel) {
  const out = [];
  for (const name of readdirSync(join(root, rel))) {
    const path = join(rel, name);
    out.push(path);
    if (lstatSync(join(root, path)).isDirectory()) out.push(...everythingUnder(root, path));
  }
  return out;
}
