// What a save takes from the machine. First the guest drops its clean page cache: the kernel runs
// with init_on_free=1, so freed pages are zero, and v86 leaves zero pages out of its state.
// After a few `docker pull`s the cache holds the layers, the registry's blobs and the CLI, and
// dropping it shrinks the state by tens of MB (scripts/bench-web.ts, `dropCaches`), which every
// later step (save_state, checksum, write, gzip) then does not handle. The shipped snapshot was
// made the same way. What the next commands read again comes from the disk parts the worker
// already holds. Best effort: a guest that does not answer in time is saved as it is.

import type { Sandbox } from "@/emulator/src/sandbox";

export const DROP_CLEAN_CACHE = "sync; echo 1 > /proc/sys/vm/drop_caches";
const DROP_TIMEOUT_MS = 2_000;

export async function takeState(sandbox: Sandbox): ReturnType<Sandbox["save"]> {
  await sandbox.exec(DROP_CLEAN_CACHE, { timeoutMs: DROP_TIMEOUT_MS }).catch(() => {});
  return sandbox.save();
}
