import assert from "node:assert/strict";
import { test } from "node:test";
import { zstdContentSize } from "./zstd-frame";

test("the declared content size is read from each form of the frame header", () => {
  const header = (descriptor: number, ...rest: number[]) => new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, descriptor, ...rest]);
  assert.equal(zstdContentSize(header(0b0010_0000, 200)), 200, "single segment, 1-byte size");
  assert.equal(zstdContentSize(header(0b0110_0000, 0x10, 0x00)), 0x10 + 256, "single segment, 2-byte size plus 256");
  assert.equal(zstdContentSize(header(0b1000_0000, 0x58, 0x00, 0x00, 0x10, 0x0d)), 0x0d100000, "window byte, then 4 bytes");
  assert.equal(zstdContentSize(header(0b1000_0001, 0x58, 0x07, 0x00, 0x01, 0x00, 0x00)), 256, "a 1-byte dictionary ID first");
  assert.equal(zstdContentSize(header(0b1110_0000, 0, 0, 0, 0, 1, 0, 0, 0)), 2 ** 32, "8 bytes");
});

test("no size when the header does not declare one, or the bytes are not a zstd frame", () => {
  assert.equal(zstdContentSize(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0b0000_0000, 0x58])), null);
  assert.equal(zstdContentSize(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])), null);
  assert.equal(zstdContentSize(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0b1000_0000, 0x58, 1])), null, "cut short");
});
