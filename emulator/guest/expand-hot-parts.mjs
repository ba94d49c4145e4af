// Widens the recorded hot parts from "the parts the lesson solutions read once" to "every part of
// every program file they ran, plus the file system's own metadata". A learner's session takes other
// code paths than the recording (a resumed saved state, commands in another order), and those
// read other pages of the same binaries: offline, one missing 256 KiB part of /usr/bin/containerd
// stalls a `docker pull` until the network is back. Reads the ext4 image with debugfs (e2fsprogs).
//
// Usage: node expand-hot-parts.mjs DISK_IMG CHUNK_SIZE RECORDED_JSON OUT_JSON

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

// debugfs reads commands with a fixed-size line buffer: keep each line short.
const BLOCKS_PER_ICHECK = 150;

function debugfs(image, commands) {
  return execFileSync("debugfs", ["-f", "-", image], {
    input: commands.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["pipe", "pipe", "ignore"],
  });
}

function blockSize(image) {
  const out = execFileSync("dumpe2fs", ["-h", image], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return Number(/^Block size:\s+(\d+)/m.exec(out)[1]);
}

/** Block ranges of the group descriptors' bitmaps and inode tables ("at 217-728"). */
function metadataBlocks(image) {
  const out = execFileSync("dumpe2fs", [image], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  const blocks = [];
  for (const m of out.matchAll(/(?:bitmap|Inode table) at (\d+)(?:-(\d+))?/g)) {
    for (let b = Number(m[1]); b <= Number(m[2] ?? m[1]); b++) blocks.push(b);
  }
  return blocks;
}

const partName = (index, chunkSize) => `disk/disk-${index * chunkSize}-${(index + 1) * chunkSize}.img.zst`;
const partIndex = (name) => Number(/disk-(\d+)-/.exec(name)[1]);

/** Whether a file is program code whose unread pages a learner's session may still run. */
function isCode(path, recordedParts) {
  if (!path.startsWith("/usr/")) return false; // data (image blobs, stores) is read whole or not at all
  // A shared library counts on any read; a program needs two of its parts read, because one part
  // is often just the boundary it shares with the file recorded next to it.
  return /\.so(\.|$)/.test(path) || recordedParts >= 2;
}

export function expandHotParts(image, chunkSize, recorded) {
  const block = blockSize(image);
  const perPart = chunkSize / block;
  const recordedParts = new Set(recorded.map((name) => partIndex(name) / chunkSize));
  const parts = new Set(recordedParts);

  // Which files own a block of a recorded part.
  const blocks = [...recordedParts].flatMap((p) => Array.from({ length: perPart }, (_, i) => p * perPart + i));
  const commands = [];
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_ICHECK) commands.push(`icheck ${blocks.slice(i, i + BLOCKS_PER_ICHECK).join(" ")}`);
  const inodes = new Set();
  for (const m of debugfs(image, commands).matchAll(/^\d+\s+(\d+)$/gm)) inodes.add(m[1]);
  const inodeList = [...inodes];
  const paths = new Map();
  for (let i = 0; i < inodeList.length; i += BLOCKS_PER_ICHECK) {
    const out = debugfs(image, [`ncheck ${inodeList.slice(i, i + BLOCKS_PER_ICHECK).join(" ")}`]);
    for (const m of out.matchAll(/^(\d+)\s+(\/\S*)$/gm)) paths.set(m[1], m[2]);
  }

  // Every part of the program files among them.
  const widened = [];
  for (const listing of debugfs(image, inodeList.map((ino) => `blocks <${ino}>`)).split("debugfs: ").slice(1)) {
    const ino = /<(\d+)>/.exec(listing)[1];
    const fileParts = new Set((listing.slice(listing.indexOf("\n")).match(/\d+/g) ?? []).map((b) => Math.floor(Number(b) / perPart)));
    const hits = [...fileParts].filter((p) => recordedParts.has(p)).length;
    const path = paths.get(ino) ?? "";
    if (!isCode(path, hits)) continue;
    widened.push(path);
    for (const p of fileParts) parts.add(p);
  }
  for (const b of metadataBlocks(image)) parts.add(Math.floor(b / perPart));

  // The recorded parts first, in the order they were read: the site prefetches in list order.
  const added = [...parts].filter((p) => !recordedParts.has(p)).sort((a, b) => a - b);
  return { parts: [...recorded, ...added.map((p) => partName(p, chunkSize))], widened };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [image, chunkSize, recordedJson, outJson] = process.argv.slice(2);
  const recorded = JSON.parse(readFileSync(recordedJson, "utf8"));
  const { parts, widened } = expandHotParts(image, Number(chunkSize), recorded);
  writeFileSync(outJson, JSON.stringify(parts) + "\n");
  console.log(`hot parts: ${recorded.length} recorded, ${parts.length} with the file system's metadata and all of ${widened.length} program files read: ${widened.join(" ")}`);
}
