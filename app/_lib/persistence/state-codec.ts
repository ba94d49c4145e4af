// The transforms a saved state goes through, in whichever thread runs them. zstd (level 3, by
// @bokuweb/zstd-wasm) is how states are kept: as small as gzip, made in half gzip's time, and
// v86's own decoder restores it straight into guest memory. gunzip reads the states
// kept before, which were gzip'd with the platform's CompressionStream.

import { compress, decompress, init } from "@bokuweb/zstd-wasm";
import { zstdContentSize } from "@/emulator/browser";

export type CodecOp = "zstd" | "unzstd" | "gunzip";

/** zstd's default level. In Node, of a 188 MB state: 62 MB in 1.6 s (level 1: 69 MB, 1.1 s; 6: 59 MB, 9.5 s). */
export const ZSTD_LEVEL = 3;

let ready: Promise<void> | null = null;

/** `wasmUrl` locates zstd.wasm in a browser; Node's build of the package finds its own. */
export async function transformState(op: CodecOp, data: ArrayBuffer, wasmUrl?: string): Promise<ArrayBuffer> {
  if (op === "gunzip") {
    return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }
  // The package's browser build takes the wasm's URL; its types are those of the Node build.
  ready ??= (init as (wasmUrl?: string) => Promise<void>)(wasmUrl);
  await ready;
  const bytes = new Uint8Array(data);
  const out = op === "zstd" ? compress(bytes, ZSTD_LEVEL) : decompressWhole(bytes);
  return (out.byteLength === out.buffer.byteLength ? out.buffer : out.slice().buffer) as ArrayBuffer; // the library's result is its own copy
}

/** The library sizes its output from the frame's declared content size; without one it would guess 1 MiB. */
function decompressWhole(frame: Uint8Array): Uint8Array {
  if (zstdContentSize(frame) === null) throw new Error("not a zstd frame that declares its size");
  return decompress(frame);
}
