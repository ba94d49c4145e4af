// 100 saved machines that must never be restored, generated deterministically (seeded PRNG):
// 20 each of truncated, bit flips, other image hash, other memory size and empty. They are built
// against the site's real manifest, so that only the intended damage differs from a good state.
// Half the truncated and bit-flip ones are damaged "on disk" (the stored bytes no longer match
// the stored checksum: the page refuses them); the other half are saved that way (the checksums
// match the bytes: the worker's state check must refuse them).

import { createHash } from "node:crypto";
import { STATE_MAGIC_V86, type StateMeta, type StateRejectedError } from "../../../emulator/node";

export type Expected = Pick<StateMeta, "diskSha256" | "optionsHash" | "v86Version" | "memoryMB">;
export type FixtureKind = "truncated" | "bit flips" | "other image" | "other memory" | "empty";

export interface Fixture {
  name: string;
  kind: FixtureKind;
  /** The state the page would hand to the emulator. */
  data: Uint8Array;
  /** What it claims to be (stored beside it). */
  meta: StateMeta;
  /** "storage": the stored bytes differ from what was saved (data is what is stored; storedSha256 is of the good bytes). */
  damagedIn: "state" | "storage";
  /** SHA-256 the store recorded for the stored bytes. */
  storedSha256: string;
  /** The refusal state-check must give. */
  reason: StateRejectedError["reason"];
}

export const STATE_BYTES = 32 * 1024;
export const FIXTURES_PER_KIND = 20;

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

function prng(seed: number) {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** A good state: v86's magic, then seeded bytes. */
export function goodState(seed = 1): Uint8Array {
  const data = new Uint8Array(STATE_BYTES);
  const rand = prng(seed);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rand() * 256);
  new DataView(data.buffer).setUint32(0, STATE_MAGIC_V86, true);
  return data;
}

export function goodMeta(data: Uint8Array, expected: Expected): StateMeta {
  return { ...expected, sha256: sha256(data), size: data.byteLength };
}

export function generateFixtures(expected: Expected): Fixture[] {
  const good = goodState();
  const meta = goodMeta(good, expected);
  const rand = prng(0x5eed);
  const int = (n: number) => Math.floor(rand() * n);
  const hex = () => Array.from({ length: 64 }, () => "0123456789abcdef"[int(16)]).join("");
  const out: Fixture[] = [];
  const add = (f: Omit<Fixture, "storedSha256">) =>
    out.push({ ...f, storedSha256: f.damagedIn === "storage" ? sha256(good) : sha256(f.data) });

  for (let i = 0; i < FIXTURES_PER_KIND; i++) {
    const cut = [good.length - 1, good.length >> 1, 4, 3, 1][i] ?? 1 + int(good.length - 2);
    add({ name: `truncated to ${cut} bytes`, kind: "truncated", data: good.slice(0, cut), meta, damagedIn: i % 2 ? "storage" : "state", reason: "truncated" });
  }
  for (let i = 0; i < FIXTURES_PER_KIND; i++) {
    const data = good.slice();
    const flips = 1 + (i % 8) * 3; // 1 to 22 bits
    const inHeader = i % 5 === 0; // some hit the magic number itself
    const at: number[] = [];
    for (let k = 0; k < flips; k++) {
      const byte = inHeader && k === 0 ? int(4) : int(data.length);
      data[byte] ^= 1 << int(8);
      at.push(byte);
    }
    add({ name: `${flips} bit(s) flipped at ${at.slice(0, 3).join(",")}${at.length > 3 ? ",…" : ""}`, kind: "bit flips", data, meta, damagedIn: i % 2 ? "storage" : "state", reason: "corrupt" });
  }
  for (let i = 0; i < FIXTURES_PER_KIND; i++) {
    // Another image: random hashes, and near misses of the real one (one digit changed, case, prefix).
    const real = expected.diskSha256;
    const other = [real.toUpperCase(), real.slice(0, 63) + (real[63] === "0" ? "1" : "0"), real.slice(0, 32), "", `sha256:${real}`][i] ?? hex();
    add({ name: `disk hash ${other.slice(0, 12) || "(empty)"}…`, kind: "other image", data: good, meta: { ...meta, diskSha256: other }, damagedIn: "state", reason: "other-image" });
  }
  for (let i = 0; i < FIXTURES_PER_KIND; i++) {
    const sizes = [0, 1, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, expected.memoryMB - 1, expected.memoryMB + 1, expected.memoryMB * 2];
    let memoryMB = sizes.filter((s) => s !== expected.memoryMB)[i] ?? 1 + int(8192);
    if (memoryMB === expected.memoryMB) memoryMB++;
    add({ name: `${memoryMB} MiB of memory`, kind: "other memory", data: good, meta: { ...meta, memoryMB }, damagedIn: "state", reason: "other-options" });
  }
  for (let i = 0; i < FIXTURES_PER_KIND; i++) {
    // Empty bytes under every kind of claim: the good state's, another size, another checksum.
    const claim = i % 4 === 0 ? meta : { ...meta, size: 1 + int(1 << 26), sha256: i % 2 ? hex() : sha256(new Uint8Array()) };
    add({ name: `empty, claiming ${claim.size} bytes`, kind: "empty", data: new Uint8Array(), meta: claim, damagedIn: i % 3 === 0 ? "storage" : "state", reason: "empty" });
  }
  return out;
}
