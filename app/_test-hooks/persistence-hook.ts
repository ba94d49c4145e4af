// window.__dblPersistence, so that end-to-end tests can drive the real store in real IndexedDB
// without a guest: write synthetic states through the same pipeline as a real save, and read back
// what a next visit would resume. It adds nothing a script on this origin could not do anyway.

import { sha256Hex, STATE_MAGIC_V86, type StateMeta } from "@/emulator/browser";
import { decodeState, encodeState } from "@/app/_lib/persistence/compression";
import type { MachinePersistence } from "@/app/_lib/persistence/session";

/** A fake v86 state: the v86 magic, a seed, and half-compressible bytes. */
export function syntheticState(size: number, seed: number): Uint8Array {
  const data = new Uint8Array(size);
  const view = new DataView(data.buffer);
  view.setUint32(0, STATE_MAGIC_V86, true);
  view.setUint32(4, seed, true);
  let x = seed | 1;
  for (let i = 8; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    if ((i >> 12) % 3 === 0) view.setUint32(i, x, true); // a third random, the rest zero pages
  }
  return data;
}

export function installPersistenceHook(controller: MachinePersistence): void {
  (window as unknown as { __dblPersistence: unknown }).__dblPersistence = {
    controller,
    view: () => controller.view.get(),
    save: () => controller.save(),
    async writeSynthetic(size: number, seed: number) {
      const data = syntheticState(size, seed);
      const sha = await sha256Hex(data);
      const blob = await encodeState(data, controller.encoding);
      const meta: StateMeta = { diskSha256: "synthetic", optionsHash: "synthetic", v86Version: "synthetic", memoryMB: 1, sha256: sha, size };
      const storedSha256 = controller.encoding === "raw" ? sha : await sha256Hex(await blob.arrayBuffer());
      await controller.store.write(blob, { encoding: controller.encoding, storedSha256, meta });
    },
    /** What a next visit would resume: { seed } if whole, { error } if corrupt, null if none. */
    async verifyCurrent(): Promise<{ seed: number } | { error: string } | null> {
      const record = await controller.store.current();
      if (!record) return null;
      try {
        const stored = await (await controller.store.readData(record)).arrayBuffer();
        if ((await sha256Hex(stored)) !== record.storedSha256) return { error: "stored checksum" };
        const data = await decodeState(stored, record.encoding);
        if (data.byteLength !== record.meta.size || (await sha256Hex(data)) !== record.meta.sha256) return { error: "state checksum" };
        return { seed: new DataView(data).getUint32(4, true) };
      } catch (err) {
        return { error: String(err) };
      }
    },
    collect: () => controller.store.collect(),
  };
}
