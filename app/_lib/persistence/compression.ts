// Saved machine states are compressed in the browser before they are stored. v86's raw state is
// ~140 MB, mostly guest RAM; gzip (CompressionStream, native, streaming) shrinks it ~3x.
// "raw" stores v86's bytes as they are (faster to save, larger); the choice is recorded with
// each state so either restores.

export type StateEncoding = "gzip" | "raw";

/** What new saves use (measured against "raw": see scripts/bench-web.ts, field compression). */
export const DEFAULT_ENCODING: StateEncoding = "gzip";

function blobOf(data: ArrayBuffer | Uint8Array | Blob): Blob {
  return data instanceof Blob ? data : new Blob([data as BlobPart]);
}

/** Compresses v86's state into the Blob that is stored. */
export async function encodeState(data: ArrayBuffer | Uint8Array, encoding: StateEncoding): Promise<Blob> {
  if (encoding === "raw") return blobOf(data);
  const stream = blobOf(data).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).blob();
}

/** The v86 state again; throws if the stored bytes are not valid (gzip also checks its CRC-32). */
export async function decodeState(stored: Blob | ArrayBuffer, encoding: StateEncoding): Promise<ArrayBuffer> {
  if (encoding === "raw") return stored instanceof Blob ? stored.arrayBuffer() : stored;
  const stream = blobOf(stored).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}
