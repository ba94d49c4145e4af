// Refuses a v86 state before it reaches `restore_state`: v86 cannot tell that a state belongs to
// another disk image or other options, and a wrong one crashes or corrupts the guest.

import { STATE_MAGIC_V86, STATE_MAGIC_ZSTD, type StatePart } from "./guest-manifest";
import { ZSTD_HEADER_MAX_BYTES, zstdContentSize } from "./zstd-frame";

/** What a state was saved against; stored beside every state. */
export interface StateMeta {
  diskSha256: string;
  optionsHash: string;
  v86Version: string;
  memoryMB: number;
  /** Hex SHA-256 and byte size of the (compressed) state itself. */
  sha256: string;
  size: number;
}

export class StateRejectedError extends Error {
  constructor(
    readonly reason: "empty" | "truncated" | "corrupt" | "other-image" | "other-options" | "other-emulator",
    message: string,
  ) {
    super(message);
    this.name = "StateRejectedError";
  }
}

export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Throws StateRejectedError with a plain-words message unless `state` fits `expected`. With
 * `verified`, the caller has already checked these bytes' integrity, and the SHA-256 (0.6 s for a
 * 217 MB state) is not computed again; every other check still runs.
 */
export async function assertStateRestorable(
  state: ArrayBuffer,
  meta: StateMeta,
  expected: Pick<StateMeta, "diskSha256" | "optionsHash" | "v86Version" | "memoryMB">,
  { verified = false }: { verified?: boolean } = {},
): Promise<void> {
  if (meta.diskSha256 !== expected.diskSha256) {
    throw new StateRejectedError("other-image", "This saved machine belongs to another version of the guest disk image.");
  }
  if (meta.memoryMB !== expected.memoryMB) {
    throw new StateRejectedError("other-options", `This saved machine has ${meta.memoryMB} MiB of memory; this site's machine has ${expected.memoryMB} MiB.`);
  }
  if (meta.v86Version !== expected.v86Version) {
    throw new StateRejectedError("other-emulator", `This saved machine was made by emulator version ${meta.v86Version}; this site runs ${expected.v86Version}.`);
  }
  if (meta.optionsHash !== expected.optionsHash) {
    throw new StateRejectedError("other-options", "This saved machine was made with other emulator settings.");
  }
  if (state.byteLength === 0) throw new StateRejectedError("empty", "The saved machine is empty.");
  if (isCompressedCopy(state, meta)) {
    // A saved machine kept as zstd: `meta` describes the raw state inside, whose checksum can only
    // be checked once decoded. The caller vouches for the stored bytes (their own checksum).
    if (!verified) throw new StateRejectedError("corrupt", "The saved machine is compressed and its checksum was not checked.");
    return;
  }
  if (state.byteLength < meta.size) {
    throw new StateRejectedError("truncated", `The saved machine is incomplete (${state.byteLength} of ${meta.size} bytes).`);
  }
  const magic = state.byteLength >= 4 ? new DataView(state).getUint32(0, true) : 0;
  if (state.byteLength !== meta.size || (magic !== STATE_MAGIC_ZSTD && magic !== STATE_MAGIC_V86)) {
    throw new StateRejectedError("corrupt", "The saved machine is damaged: it is not a state file of the expected size.");
  }
  if (!verified) await assertChecksum(state, meta.sha256);
}

/** A zstd frame that declares the raw state's size, rather than the raw state or a stored file's bytes. */
function isCompressedCopy(state: ArrayBuffer, meta: Pick<StateMeta, "size">): boolean {
  if (state.byteLength === meta.size) return false;
  return zstdContentSize(new Uint8Array(state, 0, Math.min(state.byteLength, ZSTD_HEADER_MAX_BYTES))) === meta.size;
}

/** Throws StateRejectedError unless `state` hashes to `sha256` (hex). */
export async function assertChecksum(state: ArrayBuffer, sha256: string): Promise<void> {
  if ((await sha256Hex(state)) !== sha256) {
    throw new StateRejectedError("corrupt", "The saved machine is damaged: its checksum does not match.");
  }
}

/**
 * Throws StateRejectedError unless the clean state, joined from `parts`, hashes to `sha256` (hex).
 * The message names each part whose own SHA-256 does not match: the file to look at on the host
 * (or in the offline cache).
 */
export async function assertCleanStateChecksum(state: ArrayBuffer, parts: readonly StatePart[], sha256: string): Promise<void> {
  if ((await sha256Hex(state)) === sha256) return;
  const damaged: string[] = [];
  if (parts.length > 1) {
    for (const part of parts) {
      const bytes = part.offset + part.size <= state.byteLength ? new Uint8Array(state, part.offset, part.size) : new Uint8Array(0);
      if ((await sha256Hex(bytes)) !== part.sha256) damaged.push(part.file);
    }
  }
  throw new StateRejectedError(
    "corrupt",
    damaged.length > 0
      ? `The saved machine is damaged: the checksum of ${damaged.join(", ")} does not match.`
      : "The saved machine is damaged: its checksum does not match.",
  );
}
