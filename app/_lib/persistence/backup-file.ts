// The backup file: a learner's progress and, if they choose, their saved machine, in one file to
// carry to another computer. Reading one checks everything before anything is stored: what kind of
// file it is, the header's checksum, the header's shape, the file's length, the machine's own
// checksum and, once decompressed, the checksum of the machine's state. A file that fails any of
// these is refused as a whole, with the reason.
//
//   offset  size        what
//   0       8           "DBLBKUP1": the format and its version (ASCII)
//   8       4           header length H, unsigned little-endian
//   12      H           header: UTF-8 JSON (backupHeaderSchema)
//   12+H    32          SHA-256 of the header's bytes
//   44+H    M           the machine's stored bytes, as saved (M = header.machine.storedSize, or 0)
//
// The machine's bytes are not hashed again when the file is made: the header carries their
// SHA-256 from the save, which reading checks (with the header's own checksum covering it).

import { sha256Hex } from "@/emulator/browser";
import { z } from "@/app/_lib/zod";
import { progressSchema, type Progress } from "@/app/_lib/progress";
import { decodeState } from "./compression";
import { stateMetaSchema, type SavedStateRecord } from "./state-store";

const MAGIC_PREFIX = "DBLBKUP";
export const BACKUP_VERSION = 1;
const MAGIC = `${MAGIC_PREFIX}${BACKUP_VERSION}`;
const PREAMBLE = 12;
const CHECKSUM = 32;
/** Far above any progress record; a larger length is damage, not data. */
export const MAX_HEADER_BYTES = 4 << 20;
/** Above what a backup can be: the largest saved machine (raw, ~220 MB) and the progress. */
export const MAX_BACKUP_BYTES = 512 << 20;
export const BACKUP_EXTENSION = ".dblab";

const hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const backupMachineSchema = z.object({
  /** When the machine was saved, ISO 8601. */
  savedAt: z.string(),
  encoding: z.enum(["zstd", "gzip", "raw"]),
  storedSize: z.int().check(z.positive()),
  storedSha256: hex64,
  meta: stateMetaSchema,
});

export const backupHeaderSchema = z.object({
  format: z.literal("docker-browser-lab-backup"),
  version: z.literal(BACKUP_VERSION),
  /** When the file was made, ISO 8601. */
  exportedAt: z.string(),
  progress: progressSchema,
  machine: z.nullable(backupMachineSchema),
});

export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type BackupMachine = z.infer<typeof backupMachineSchema>;

export type BackupRefusalReason = "too-large" | "not-a-backup" | "newer-version" | "damaged";

/** Why a file is not taken; `detail` says where it failed, for the curious and for bug reports. */
export class BackupRefusal extends Error {
  constructor(
    readonly reason: BackupRefusalReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "BackupRefusal";
  }
}

export interface BackupContents {
  header: BackupHeader;
  /** The machine's stored bytes, checked; null when the file has no machine. */
  machine: Blob | null;
}

/** The machine part of a header, from the saved record it came from. */
export function backupMachineOf(record: SavedStateRecord): BackupMachine {
  const { savedAt, encoding, storedSize, storedSha256, meta } = record;
  return { savedAt, encoding, storedSize, storedSha256, meta };
}

/** The file: progress, and the machine's stored bytes when given (they must match `header.machine`). */
export async function encodeBackup(progress: Progress, machine: { record: SavedStateRecord; data: Blob } | null, now = new Date()): Promise<Blob> {
  const header: BackupHeader = {
    format: "docker-browser-lab-backup",
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    progress,
    machine: machine ? backupMachineOf(machine.record) : null,
  };
  if (machine && machine.data.size !== machine.record.storedSize) throw new Error("The saved machine's size does not match its record.");
  const json: Uint8Array<ArrayBuffer> = new TextEncoder().encode(JSON.stringify(header));
  const preamble = new Uint8Array(PREAMBLE);
  preamble.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(preamble.buffer).setUint32(8, json.byteLength, true);
  const checksum = hexBytes(await sha256Hex(json));
  return new Blob([preamble, json, checksum, ...(machine ? [machine.data] : [])], { type: "application/octet-stream" });
}

/** Reads and checks a backup file; throws BackupRefusal when it is not one, or not whole. */
export async function readBackup(file: Blob): Promise<BackupContents> {
  if (file.size > MAX_BACKUP_BYTES) throw new BackupRefusal("too-large", `${file.size} bytes`);
  if (file.size < MAGIC.length) throw new BackupRefusal("not-a-backup", `only ${file.size} bytes`);
  const preamble = new Uint8Array(await file.slice(0, PREAMBLE).arrayBuffer());
  const magic = String.fromCharCode(...preamble.subarray(0, 8));
  if (magic !== MAGIC) {
    const newer = magic.startsWith(MAGIC_PREFIX) && /^[2-9]$/.test(magic[7]);
    throw new BackupRefusal(newer ? "newer-version" : "not-a-backup", `starts with ${JSON.stringify(magic)}`);
  }
  // It starts as a backup does: shorter than the smallest one, it is a backup cut short.
  if (file.size < PREAMBLE + CHECKSUM) throw new BackupRefusal("damaged", `the file is cut short, at ${file.size} bytes`);
  const headerLength = new DataView(preamble.buffer).getUint32(8, true);
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES || PREAMBLE + headerLength + CHECKSUM > file.size) {
    throw new BackupRefusal("damaged", `a header of ${headerLength} bytes does not fit`);
  }
  const headerBytes = new Uint8Array(await file.slice(PREAMBLE, PREAMBLE + headerLength + CHECKSUM).arrayBuffer());
  const json = headerBytes.subarray(0, headerLength);
  if (bytesHex(headerBytes.subarray(headerLength)) !== (await sha256Hex(json.slice()))) {
    throw new BackupRefusal("damaged", "the header's checksum does not match");
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    throw new BackupRefusal("damaged", "the header is not JSON");
  }
  const parsed = backupHeaderSchema.safeParse(value);
  if (!parsed.success) throw new BackupRefusal("damaged", `the header is not this site's: ${parsed.error.issues[0]?.path.join(".") || "shape"}`);
  const header = parsed.data;

  const machineStart = PREAMBLE + headerLength + CHECKSUM;
  const expectedSize = machineStart + (header.machine?.storedSize ?? 0);
  if (file.size < expectedSize) throw new BackupRefusal("damaged", `the file is cut short (${file.size} of ${expectedSize} bytes)`);
  if (file.size > expectedSize) throw new BackupRefusal("damaged", `${file.size - expectedSize} bytes more than the file says it holds`);
  if (!header.machine) return { header, machine: null };

  const machine = file.slice(machineStart, expectedSize);
  const stored = await machine.arrayBuffer();
  if ((await sha256Hex(stored)) !== header.machine.storedSha256) throw new BackupRefusal("damaged", "the machine's checksum does not match");
  let state: ArrayBuffer;
  try {
    state = await decodeState(stored, header.machine.encoding);
  } catch {
    throw new BackupRefusal("damaged", "the machine does not decompress");
  }
  if (state.byteLength !== header.machine.meta.size || (await sha256Hex(state)) !== header.machine.meta.sha256) {
    throw new BackupRefusal("damaged", "the machine's state does not match its checksum");
  }
  return { header, machine: new Blob([stored]) };
}

/** A file name for a backup made at `now`: docker-browser-lab-2026-05-01-10-42.dblab */
export function backupFileName(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[T:]/g, "-");
  return `docker-browser-lab-${stamp}${BACKUP_EXTENSION}`;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16));
}

function bytesHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
