// Reading a download while reporting bytes as they arrive, for the boot screen's progress bar.

/**
 * Reads a response's whole body, reporting progress; `url` names the file in the error.
 *
 * When the response says its length, each chunk is copied into the result as it arrives: joining
 * the chunks at the end took the emulator's thread right after the state's download, the moment
 * the restore waits for (docs/performance.md).
 */
export async function readWithProgress(
  response: Response,
  url: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<ArrayBuffer> {
  if (!response.ok || !response.body) {
    throw new Error(`Could not download the machine (${new URL(url).pathname}: HTTP ${response.status}).`);
  }
  // A body the browser decodes (Content-Encoding) is longer than Content-Length says.
  const total = response.headers.get("content-encoding") ? 0 : Number(response.headers.get("content-length") ?? 0);
  let data: Uint8Array<ArrayBuffer> = new Uint8Array(total);
  let loaded = 0;
  const reader = response.body.getReader();
  const yielder = new Yielder();
  try {
    let ranSince = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (performance.now() - ranSince > YIELD_AFTER_MS) {
        await yielder.yield();
        ranSince = performance.now();
      }
      if (loaded + value.length > data.length) data = grown(data, loaded, loaded + value.length);
      data.set(value, loaded);
      loaded += value.length;
      onProgress(loaded, total);
    }
  } finally {
    yielder.close();
  }
  return loaded === data.length ? data.buffer : data.buffer.slice(0, loaded);
}

/**
 * Chunks that have already arrived are read in microtasks, one after the other, so a fast download
 * can hold the thread for as long as it lasts. v86 loads on the same thread (its BIOS, the disk's
 * first sector, then its init), and was then ready only after the last byte instead of during the
 * download (docs/performance.md).
 */
const YIELD_AFTER_MS = 8;

/** Gives the tasks already queued on this thread their turn: a message to itself, which (unlike a timer) is never clamped. */
class Yielder {
  private readonly channel = new MessageChannel();

  yield(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.channel.port1.onmessage = () => resolve();
      this.channel.port2.postMessage(null);
    });
  }

  close(): void {
    this.channel.port1.close();
  }
}

/** A copy of the first `used` bytes with room for at least `needed` (doubling, for unknown lengths). */
function grown(data: Uint8Array<ArrayBuffer>, used: number, needed: number): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(Math.max(needed, data.length * 2, 1 << 16));
  larger.set(data.subarray(0, used));
  return larger;
}
