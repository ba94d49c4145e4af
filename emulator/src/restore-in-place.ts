// Restores a v86 state with guest RAM written straight into the guest's memory.
//
// v86's own restore_state decompresses the whole state into fresh buffers (177 MB for ours), zeroes
// all 256 MiB of guest memory, then copies the saved pages in one by one. On a machine where the
// first write to fresh memory is expensive (page faults: about 3 ms per MiB on the 2-core CI host),
// that is 2.1-2.3 s in Node, against 1.4 s here: guest RAM is decompressed into guest memory (or,
// from an uncompressed state, copied there once) and nothing is written twice. The machine that
// results is the same byte for byte (emulator/test/restore-in-place.test.ts compares both ways).
//
// It reads v86 0.5.462's state layout (pinned in package.json). A state or an emulator it does
// not recognise goes to v86's restore_state unchanged.

import { STATE_MAGIC_V86, STATE_MAGIC_ZSTD } from "./guest-manifest";
import { expandPackedPages, placePackedPages } from "./packed-pages";

/** The parts of v86's CPU object this uses (internal to v86, so checked before use). */
interface V86Cpu {
  wasm_memory: WebAssembly.Memory;
  mem8: Uint8Array;
  memory_size: Uint32Array;
  instruction_counter: Uint32Array;
  zstd_create_ctx(length: number): number;
  zstd_get_src_ptr(ctx: number): number;
  zstd_read(ctx: number, length: number): number;
  zstd_read_free(ptr: number, length: number): void;
  zstd_free_ctx(ctx: number): void;
  set_state(state: unknown[]): void;
  unpack_memory(bitmap: unknown, packed: Uint8Array): void;
}

interface StateInfo {
  buffer_infos: { offset: number; length: number }[];
  state: unknown[];
}

/** v86's state header: magic, version, total length, length of the JSON info block (int32 each). */
const HEADER_BYTES = 16;
const STATE_VERSION = 6;
/** Indices in the CPU's saved state: the packed pages and their bitmap (v86's cpu.js get_state). */
const PACKED_MEMORY = 77;
const MEMORY_BITMAP = 78;
/**
 * Before a machine first runs, v86 has written only its BIOS images, below 1 MiB; the rest of its
 * memory is still zero and needs no writing where the state has no page.
 */
const WRITTEN_BEFORE_FIRST_RUN = 1 << 20;
/** Decompressed in pieces of this size, like v86 does, so its decoder's buffer stays small. */
const READ_CHUNK = 1 << 20;

const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;

/**
 * How a state was restored. "checksummed": its bytes passed zstd's own content checksum (v86's
 * decoder checks it to the end of the frame), so they need no other integrity check. "as-is":
 * restored without any check of its bytes (an uncompressed state, a zstd frame written without a
 * checksum, or v86's restore_state); the caller checks them before the guest runs.
 */
export type RestoredAs = "checksummed" | "as-is";

export async function restoreInPlace(emulator: { restore_state(state: ArrayBuffer): Promise<void> }, state: ArrayBuffer): Promise<RestoredAs> {
  const cpu = freshCpuOf(emulator);
  const magic = state.byteLength >= HEADER_BYTES ? new DataView(state).getUint32(0, true) : 0;
  if (cpu && magic === STATE_MAGIC_ZSTD && restoreCompressed(cpu, state)) return hasContentChecksum(state) ? "checksummed" : "as-is";
  if (cpu && magic === STATE_MAGIC_V86 && restoreUncompressed(cpu, state)) return "as-is";
  await emulator.restore_state(state);
  return "as-is";
}

/** Whether a zstd frame's header sets Content_Checksum_flag (RFC 8878, 3.1.1.1.1: bit 2 of the descriptor). */
function hasContentChecksum(frame: ArrayBuffer): boolean {
  return (new Uint8Array(frame)[4] & 0b100) !== 0;
}

/** v86's CPU, if it has every part used here and has never run (its memory is as v86 made it). */
function freshCpuOf(emulator: unknown): V86Cpu | null {
  const cpu = (emulator as { v86?: { cpu?: Partial<V86Cpu> } })?.v86?.cpu;
  const functions = ["zstd_create_ctx", "zstd_get_src_ptr", "zstd_read", "zstd_read_free", "zstd_free_ctx", "set_state", "unpack_memory"] as const;
  if (!cpu || !functions.every((name) => typeof cpu[name] === "function")) return null;
  if (!(cpu.wasm_memory instanceof WebAssembly.Memory) || !cpu.mem8 || !cpu.memory_size || !cpu.instruction_counter) return null;
  return cpu.instruction_counter[0] === 0 ? (cpu as V86Cpu) : null;
}

/** The packed pages' and bitmap's buffer numbers, if the state is laid out as this code knows. */
function memoryBuffers(info: StateInfo, cpu: V86Cpu): { packed: number; bitmap: number } | null {
  const ref = (value: unknown) => {
    const { __state_type__: type, buffer_id: id } = (value ?? {}) as { __state_type__?: unknown; buffer_id?: unknown };
    return type === "Uint8Array" && typeof id === "number" && id >= 0 && id < info.buffer_infos.length ? id : null;
  };
  const packed = ref(info.state?.[PACKED_MEMORY]);
  const bitmap = ref(info.state?.[MEMORY_BITMAP]);
  const size = cpu.memory_size[0];
  if (packed === null || bitmap === null || info.state[0] !== size || cpu.mem8.length !== size) return null;
  const packedLength = info.buffer_infos[packed].length;
  return packedLength <= size && packedLength % 4096 === 0 ? { packed, bitmap } : null;
}

function readHeader(header: Uint8Array): number | null {
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  if (view.getUint32(0, true) !== STATE_MAGIC_V86 || view.getInt32(4, true) !== STATE_VERSION) return null;
  return view.getInt32(12, true);
}

/** A zstd state, decompressed by v86's own decoder, guest RAM straight into guest memory. */
function restoreCompressed(cpu: V86Cpu, state: ArrayBuffer): boolean {
  const ctx = cpu.zstd_create_ctx(state.byteLength);
  try {
    new Uint8Array(cpu.wasm_memory.buffer, cpu.zstd_get_src_ptr(ctx) >>> 0, state.byteLength).set(new Uint8Array(state));
    /** Decompresses the next `length` bytes and hands them to `use` (valid only during the call). */
    const read = (length: number, use: (bytes: Uint8Array) => void = () => {}) => {
      if (length === 0) return;
      const ptr = cpu.zstd_read(ctx, length);
      // v86's decoder answers a damaged or truncated stream with a null pointer (and v86 read on).
      if (ptr === 0) throw new Error("The saved machine is damaged: it does not decompress.");
      try {
        use(new Uint8Array(cpu.wasm_memory.buffer, ptr >>> 0, length));
      } finally {
        cpu.zstd_read_free(ptr, length);
      }
    };
    let infoLength: number | null = null;
    read(HEADER_BYTES, (bytes) => (infoLength = readHeader(bytes)));
    if (infoLength === null || infoLength <= 0) return false;
    let info: StateInfo | undefined;
    read(infoLength, (bytes) => (info = JSON.parse(new TextDecoder().decode(bytes)) as StateInfo));
    const memory = info && memoryBuffers(info, cpu);
    if (!info || !memory) return false;

    const buffers: ArrayBuffer[] = [];
    let position = HEADER_BYTES + infoLength;
    for (const [id, { length }] of info.buffer_infos.entries()) {
      const padding = ((position + 3) & ~3) - position;
      read(padding);
      // Guest RAM goes to the start of guest memory, packed; it is spread out below.
      const into = id === memory.packed ? null : new Uint8Array(length);
      for (let done = 0; done < length; done += READ_CHUNK) {
        const size = Math.min(READ_CHUNK, length - done);
        read(size, (bytes) => (into ?? guestMemory(cpu)).set(bytes, done));
      }
      buffers.push(into ? into.buffer : new ArrayBuffer(0));
      position += padding + length;
    }
    const packedLength = info.buffer_infos[memory.packed].length;
    const bitmap = new Uint8Array(buffers[memory.bitmap]);
    expandPackedPages(guestMemory(cpu), bitmap, packedLength, Math.max(packedLength, WRITTEN_BEFORE_FIRST_RUN));
    setStateWithoutMemory(cpu, info.state, buffers);
    return true;
  } finally {
    cpu.zstd_free_ctx(ctx);
  }
}

/** An uncompressed state (a learner's saved machine): each page copied to its place once. */
function restoreUncompressed(cpu: V86Cpu, state: ArrayBuffer): boolean {
  const bytes = new Uint8Array(state);
  const infoLength = readHeader(bytes);
  if (infoLength === null || infoLength <= 0 || new DataView(state).getInt32(8, true) !== state.byteLength) return false;
  if (HEADER_BYTES + infoLength >= state.byteLength) return false;
  const info = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + infoLength))) as StateInfo;
  const memory = memoryBuffers(info, cpu);
  if (!memory) return false;
  const start = (HEADER_BYTES + infoLength + 3) & ~3;
  const slice = ({ offset, length }: { offset: number; length: number }) => bytes.subarray(start + offset, start + offset + length);
  if (info.buffer_infos.some(({ offset, length }) => start + offset + length > state.byteLength)) return false;
  placePackedPages(guestMemory(cpu), slice(info.buffer_infos[memory.bitmap]), slice(info.buffer_infos[memory.packed]), WRITTEN_BEFORE_FIRST_RUN);
  const buffers = info.buffer_infos.map((where, id) => (id === memory.packed ? new ArrayBuffer(0) : slice(where).slice().buffer));
  setStateWithoutMemory(cpu, info.state, buffers);
  return true;
}

/** Guest memory, viewed afresh: the WebAssembly memory may have grown (and moved) while decoding. */
function guestMemory(cpu: V86Cpu): Uint8Array {
  return new Uint8Array(cpu.wasm_memory.buffer, cpu.mem8.byteOffset, cpu.memory_size[0]);
}

/** v86's set_state with the saved buffers in place of their references; guest RAM is already there. */
function setStateWithoutMemory(cpu: V86Cpu, saved: unknown[], buffers: ArrayBuffer[]): void {
  const revive = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map(revive);
    const { __state_type__: type, args, buffer_id: id } = value as { __state_type__: string; args?: [unknown, unknown][]; buffer_id?: number };
    if (type === "Map") return new Map(args);
    const TypedArray = TYPED_ARRAYS[type as keyof typeof TYPED_ARRAYS];
    if (!TypedArray || id === undefined) throw new Error(`The saved machine holds an unknown value (${type}).`);
    return new TypedArray(buffers[id]);
  };
  const revived = revive(saved) as unknown[];
  // set_state would zero guest memory and copy the (here empty) packed pages back in.
  const unpackMemory = cpu.unpack_memory;
  cpu.unpack_memory = () => {};
  try {
    cpu.set_state(revived);
  } finally {
    cpu.unpack_memory = unpackMemory;
  }
}
