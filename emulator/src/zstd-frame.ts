// What a zstd frame's header says, read without decoding it.

/** Magic, descriptor, window, dictionary ID and content size at their longest (RFC 8878, 3.1.1). */
export const ZSTD_HEADER_MAX_BYTES = 18;

/**
 * The content size a zstd frame's header declares (RFC 8878, 3.1.1.1), or null when the bytes are
 * not a zstd frame or the header does not say.
 */
export function zstdContentSize(frame: Uint8Array): number | null {
  if (frame.length < 6 || frame[0] !== 0x28 || frame[1] !== 0xb5 || frame[2] !== 0x2f || frame[3] !== 0xfd) return null;
  const descriptor = frame[4];
  const singleSegment = (descriptor >> 5) & 1;
  const sizeFlag = descriptor >> 6;
  const fieldBytes = [singleSegment ? 1 : 0, 2, 4, 8][sizeFlag];
  if (fieldBytes === 0) return null;
  const start = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3];
  if (frame.length < start + fieldBytes) return null;
  let size = 0;
  for (let i = fieldBytes - 1; i >= 0; i--) size = size * 256 + frame[start + i];
  return fieldBytes === 2 ? size + 256 : size;
}
