// Reading downloads into place while reporting bytes as they arrive, for the boot screen's
// progress bar.

/**
 * Reads a response's whole body into `target`, which must be its exact size, calling `onBytes`
 * with each chunk's length; `url` names the file in an error. Several reads may share one `pacer`
 * (the state's parts download at once).
 *
 * Each chunk is copied into place as it arrives: joining the chunks at the end took the
 * emulator's thread right after the state's download, the moment the restore waits for
 * (docs/performance.md).
 */
export async function readInto(
  response: Response,
  url: string,
  target: Uint8Array,
  onBytes: (length: number) => void,
  pacer: Pacer = new Pacer(),
): Promise<void> {
  const name = new URL(url).pathname;
  if (!response.ok || !response.body) {
    throw new Error(`Could not download the machine (${name}: HTTP ${response.status}).`);
  }
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await pacer.maybeYield();
      if (loaded + value.length > target.length) {
        throw new Error(`Could not download the machine (${name}: more than the ${target.length} bytes expected).`);
      }
      target.set(value, loaded);
      loaded += value.length;
      onBytes(value.length);
    }
  } catch (err) {
    void reader.cancel().catch(() => {});
    throw err;
  }
  if (loaded !== target.length) {
    throw new Error(`Could not download the machine (${name}: ${loaded} of ${target.length} bytes).`);
  }
}

/**
 * Chunks that have already arrived are read in microtasks, one after the other, so a fast download
 * can hold the thread for as long as it lasts. v86 loads on the same thread (its BIOS, the disk's
 * first sector, then its init), and was then ready only after the last byte instead of during the
 * download (docs/performance.md).
 */
const YIELD_AFTER_MS = 8;

/** Lets the thread's other tasks run once its readers have run YIELD_AFTER_MS without a break. */
export class Pacer {
  private ranSince = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.ranSince <= YIELD_AFTER_MS) return;
    await yieldToTasks();
    this.ranSince = performance.now();
  }
}

/** Gives the tasks already queued on this thread their turn: a message to itself, which (unlike a timer) is never clamped. */
function yieldToTasks(): Promise<void> {
  const channel = new MessageChannel();
  return new Promise<void>((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
