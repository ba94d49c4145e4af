import assert from "node:assert/strict";
import test from "node:test";
import { parseGuestManifest, statePartsOf } from "./guest-manifest";

const hash = "ab".repeat(32);
const file = (name: string) => ({ file: name, size: 1024, sha256: hash });
/** A manifest as emulator/guest/build.mjs publishes it (the values are made up). */
const published = {
  schema: 1,
  base: "0216fec280ca-ae89b8c9/",
  v86Version: "0.5.462",
  memoryMB: 256,
  cmdline: "console=ttyS0 root=/dev/sda rw",
  bios: file("bios.bin"),
  vgaBios: file("vgabios.bin"),
  kernel: file("bzImage"),
  initrd: file("initrd.img"),
  disk: { raw: "disk.img", parts: "disk/disk.img.zst", size: 1 << 30, chunkSize: 262144, sha256: hash },
  state: {
    size: 3072,
    sha256: hash,
    rawSize: 4096,
    parts: [file("state/state-0.bin.zst"), file("state/state-1.bin.zst"), file("state/state-2.bin.zst")],
  },
  optionsHash: "0123456789abcdef",
  images: [{ repository: "busybox", tags: ["latest"], imageId: `sha256:${hash}`, layers: [{ digest: `sha256:${hash}`, size: 10 }] }],
};

test("the published manifest parses, keeping the images' extra fields", () => {
  const manifest = parseGuestManifest(published, "manifest.json");
  assert.equal(manifest.state.rawSize, published.state.rawSize);
  assert.deepEqual(manifest.images, published.images);
});

test("a bad manifest is refused naming the file and every wrong field", () => {
  const bad: Record<string, unknown> = { ...published, memoryMB: -1, state: { ...published.state, sha256: "not a hash" } };
  delete bad.disk;
  assert.throws(() => parseGuestManifest(bad, "/guest/manifest.json"), {
    message: "/guest/manifest.json is not a valid guest manifest (memoryMB, disk, state.sha256).",
  });
  assert.throws(() => parseGuestManifest(null, "manifest.json"), /manifest.json is not a valid guest manifest \(\(the whole file\)\)/);
});

test("the state's parts are read in order, each at the sum of the sizes before it", () => {
  const parts = statePartsOf(parseGuestManifest(published, "manifest.json"));
  assert.deepEqual(parts.map((p) => [p.file, p.offset, p.size]), [
    ["state/state-0.bin.zst", 0, 1024],
    ["state/state-1.bin.zst", 1024, 1024],
    ["state/state-2.bin.zst", 2048, 1024],
  ]);
});

test("the guest build's own manifest names one state file, read as one part", () => {
  const own = { ...published, state: { ...file("state.bin.zst"), rawSize: 4096 } };
  delete (own as Record<string, unknown>).base;
  const parts = statePartsOf(parseGuestManifest(own, "manifest.json"));
  assert.deepEqual(parts, [{ file: "state.bin.zst", size: 1024, sha256: hash, offset: 0 }]);
});

test("a state with both a file and parts, with neither, or whose parts do not add up to it is refused", () => {
  const { parts, ...noParts } = published.state;
  for (const state of [{ ...published.state, file: "state.bin.zst" }, noParts, { ...published.state, size: 3073 }, { ...published.state, parts: [] }]) {
    assert.throws(() => parseGuestManifest({ ...published, state }, "manifest.json"), /not a valid guest manifest \(state/, JSON.stringify(state));
  }
  assert.ok(parts.length === 3);
});
