// The first docker commands after a resume fault in the pages of the docker CLI, dockerd and
// containerd from disk, and v86 fetches each 256 KiB disk part only when the guest asks for it:
// one at a time, as the guest faults, so a first command can spend much of its time waiting on its
// disk (docs/performance.md). Reading the parts those commands need ahead of the guest, several
// at once, leaves them in v86's own read cache, so the guest's reads come from memory.

/** The part of v86's disk image object used here: an asynchronous read that v86 also caches. */
export interface DiskReader {
  get(offset: number, length: number, done: (data: Uint8Array) => void): void;
}

/**
 * v86's image object for the first IDE disk. It is internal to v86 (pinned in package.json), so it
 * is looked up defensively: with another layout this returns null and the preload is skipped.
 */
export function diskOf(emulator: unknown): DiskReader | null {
  const buffer = (emulator as any)?.v86?.cpu?.devices?.ide?.primary?.master?.buffer;
  return buffer && typeof buffer.get === "function" && buffer.cache_reads === true ? (buffer as DiskReader) : null;
}

/** Byte offsets of parts named like the build names them: "disk/disk-<start>-<end>.img.zst". */
export function partOffsets(names: readonly string[], chunkSize: number): number[] {
  const offsets: number[] = [];
  for (const name of names) {
    const m = /disk-(\d+)-(\d+)\.img(?:\.zst)?$/.exec(name);
    if (m && Number(m[2]) - Number(m[1]) === chunkSize) offsets.push(Number(m[1]));
  }
  return offsets;
}

/** Indexes of the parts a read of `length` bytes at `position` touches: v86 fetches whole parts. */
export function partsSpanned(position: number, length: number, chunkSize: number): number[] {
  const first = Math.floor(position / chunkSize);
  const last = Math.floor((position + Math.max(1, length) - 1) / chunkSize);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Reads the parts at `offsets` through v86 (which caches what it reads), `concurrency` at a time.
 * Resolves with the number read; stops early when `signal` aborts.
 */
export async function preloadParts(
  disk: DiskReader,
  offsets: readonly number[],
  chunkSize: number,
  { concurrency = 6, signal }: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<number> {
  let next = 0;
  let done = 0;
  const reader = async () => {
    while (next < offsets.length && !signal?.aborted) {
      const offset = offsets[next++];
      await new Promise<void>((resolve) => disk.get(offset, chunkSize, () => resolve()));
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, offsets.length) }, reader));
  return done;
}
