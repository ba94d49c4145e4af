import assert from "node:assert/strict";
import test from "node:test";
import { countSavedPages, expandPackedPages, isPageSaved, PAGE_SIZE, placePackedPages } from "./packed-pages";

const PAGES = 24;

/** A memory image where page p is filled with byte p + 1, or zero where `saved` says not. */
function memoryImage(saved: (page: number) => boolean): { memory: Uint8Array; bitmap: Uint8Array; packed: Uint8Array } {
  const memory = new Uint8Array(PAGES * PAGE_SIZE);
  const bitmap = new Uint8Array(Math.ceil(PAGES / 8));
  const pages: Uint8Array[] = [];
  for (let page = 0; page < PAGES; page++) {
    if (!saved(page)) continue;
    memory.fill(page + 1, page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    bitmap[page >> 3] |= 1 << (page & 7);
    pages.push(memory.subarray(page * PAGE_SIZE, (page + 1) * PAGE_SIZE));
  }
  const packed = new Uint8Array(pages.length * PAGE_SIZE);
  pages.forEach((bytes, i) => packed.set(bytes, i * PAGE_SIZE));
  return { memory, bitmap, packed };
}

const layouts: Record<string, (page: number) => boolean> = {
  "every page": () => true,
  "no page": () => false,
  "every third page": (p) => p % 3 === 0,
  "a run at the start and one at the end": (p) => p < 5 || p > 19,
  "only the last page": (p) => p === PAGES - 1,
};

test("the bitmap is read as v86 writes it: bit (page & 7) of byte (page >> 3)", () => {
  const bitmap = new Uint8Array([0b0000_0101, 0b1000_0000]);
  assert.deepEqual([0, 1, 2, 15].map((p) => isPageSaved(bitmap, p)), [true, false, true, true]);
  assert.equal(countSavedPages(bitmap, 16), 3);
});

for (const [name, saved] of Object.entries(layouts)) {
  test(`packed pages expand in place to the saved memory (${name})`, () => {
    const { memory: expected, bitmap, packed } = memoryImage(saved);
    // The guest's memory as it is after decompressing into it: the packed run, then leftovers that
    // must be overwritten or zeroed (below zeroBelow) and zero above.
    const memory = new Uint8Array(expected.length).fill(0xee, 0, 12 * PAGE_SIZE);
    memory.set(packed);
    expandPackedPages(memory, bitmap, packed.length, Math.max(packed.length, 12 * PAGE_SIZE));
    assert.deepEqual(memory, expected);
  });

  test(`packed pages are placed from a separate buffer (${name})`, () => {
    const { memory: expected, bitmap, packed } = memoryImage(saved);
    const memory = new Uint8Array(expected.length).fill(0xee, 0, 12 * PAGE_SIZE);
    placePackedPages(memory, bitmap, packed, 12 * PAGE_SIZE);
    assert.deepEqual(memory, expected);
  });
}

test("a bitmap that does not match the packed pages is an error, not a wrong memory", () => {
  const { bitmap, packed } = memoryImage((p) => p % 2 === 0);
  const short = packed.subarray(0, packed.length - PAGE_SIZE);
  assert.throws(() => placePackedPages(new Uint8Array(PAGES * PAGE_SIZE), bitmap, short, 0), /has 11 pages; its bitmap marks 12/);
  const memory = new Uint8Array(PAGES * PAGE_SIZE);
  memory.set(short);
  assert.throws(() => expandPackedPages(memory, bitmap, short.length, short.length), /has 11 pages; its bitmap marks/);
});
