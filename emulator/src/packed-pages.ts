// Guest RAM as v86 saves it: a bitmap of the 4 KiB pages that are not all zero, and those pages
// one after another ("packed"). These helpers put packed pages where they belong in guest memory
// without an intermediate buffer (see restore-in-place.ts for why that matters).

export const PAGE_SIZE = 4096;

/** Whether page `page` is marked in v86's bitmap (bit `page & 7` of byte `page >> 3`). */
export function isPageSaved(bitmap: Uint8Array, page: number): boolean {
  return ((bitmap[page >> 3] >> (page & 7)) & 1) === 1;
}

/** How many of the first `pageCount` pages the bitmap marks. */
export function countSavedPages(bitmap: Uint8Array, pageCount: number): number {
  let count = 0;
  for (let page = 0; page < pageCount; page++) if (isPageSaved(bitmap, page)) count++;
  return count;
}

/**
 * `memory` holds the packed pages at its start. Moves each to its place, from the last down (page
 * n of the packed run goes to a page >= n, so nothing is overwritten before it has moved), and
 * zeroes every unmarked page below `zeroBelow` bytes. Pages above it must already be zero.
 */
export function expandPackedPages(memory: Uint8Array, bitmap: Uint8Array, packedLength: number, zeroBelow: number): void {
  const pageCount = memory.length / PAGE_SIZE;
  assertPageCount(bitmap, pageCount, packedLength);
  let packed = packedLength / PAGE_SIZE;
  for (let page = pageCount - 1; page >= 0; page--) {
    const at = page * PAGE_SIZE;
    if (isPageSaved(bitmap, page)) {
      packed--;
      if (packed !== page) memory.copyWithin(at, packed * PAGE_SIZE, packed * PAGE_SIZE + PAGE_SIZE);
    } else if (at < zeroBelow) {
      memory.fill(0, at, at + PAGE_SIZE);
    }
  }
}

/**
 * Copies packed pages from `packed` to their places in `memory`, and zeroes every unmarked page
 * below `zeroBelow` bytes. Pages above it must already be zero.
 */
export function placePackedPages(memory: Uint8Array, bitmap: Uint8Array, packed: Uint8Array, zeroBelow: number): void {
  const pageCount = memory.length / PAGE_SIZE;
  assertPageCount(bitmap, pageCount, packed.length);
  let next = 0;
  for (let page = 0; page < pageCount; page++) {
    const at = page * PAGE_SIZE;
    if (isPageSaved(bitmap, page)) {
      memory.set(packed.subarray(next, next + PAGE_SIZE), at);
      next += PAGE_SIZE;
    } else if (at < zeroBelow) {
      memory.fill(0, at, at + PAGE_SIZE);
    }
  }
}

function assertPageCount(bitmap: Uint8Array, pageCount: number, packedLength: number): void {
  const marked = countSavedPages(bitmap, pageCount);
  if (packedLength !== marked * PAGE_SIZE) {
    throw new Error(`The saved memory has ${packedLength / PAGE_SIZE} pages; its bitmap marks ${marked}.`);
  }
}
