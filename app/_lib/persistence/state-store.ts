// The saved machine: one small pointer record names the current state; the state's bytes live
// under their own key. A save writes the bytes under a NEW key first, then replaces the pointer
// in one `set` (one IndexedDB transaction), and only then deletes the old bytes. A tab closed at
// any moment therefore leaves either the old or the new state whole, never a pointer to missing
// or half-written bytes; bytes that lost their pointer are collected later.
//
//   const store = new StateStore(idbStore());
//   await store.write(blob, { encoding: "zstd", meta, storedSha256 });
//   const current = await store.current();       // SavedStateRecord | null
//   const bytes = await store.readData(current);  // Blob

import { z } from "@/app/_lib/zod";
import type { StateMeta } from "@/emulator/browser";
import type { KeyValueStore } from "./kv";

export const STATE_POINTER_KEY = "dbl:v1:machine";
/** A state that could not be resumed (another guest image, damaged): kept for download until deleted. */
export const STATE_ARCHIVE_KEY = "dbl:v1:machine-archived";
export const STATE_DATA_PREFIX = "dbl:v1:machine-data:";
/** Placeholders that claim room for the next state while it is being made (this, "-1", "-2"...). */
export const STATE_ROOM_KEY = STATE_DATA_PREFIX + "room";

const hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const stateMetaSchema = z.object({
  /** Hex SHA-256 of the guest disk image the state was saved against. */
  diskSha256: z.string(),
  /** Hash of the emulator options the state depends on. */
  optionsHash: z.string(),
  /** v86 version that saved it. */
  v86Version: z.string(),
  /** Guest RAM in MiB. */
  memoryMB: z.int().check(z.nonnegative()),
  /** Hex SHA-256 of the uncompressed v86 state. */
  sha256: hex64,
  /** Byte size of the uncompressed v86 state. */
  size: z.int().check(z.positive()),
});

export const savedStateRecordSchema = z.object({
  /** Schema version of the record. */
  version: z.literal(1),
  /** Unique id of this save. */
  id: z.string().check(z.minLength(1)),
  /** Key of the stored bytes. */
  dataKey: z.string().check(z.startsWith(STATE_DATA_PREFIX)),
  /** ISO 8601 time of the save. */
  savedAt: z.string(),
  /** How the stored bytes encode the v86 state. */
  encoding: z.enum(["zstd", "gzip", "raw"]),
  /** Byte size of the stored bytes. */
  storedSize: z.int().check(z.nonnegative()),
  /** Hex SHA-256 of the stored bytes, checked before decoding. */
  storedSha256: hex64,
  /** What the uncompressed state was saved against (checked by state-check). */
  meta: stateMetaSchema,
});

export type SavedStateRecord = z.infer<typeof savedStateRecordSchema>;
export type NewStateRecord = Pick<SavedStateRecord, "encoding" | "storedSha256"> & { meta: StateMeta };

function newId(): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rand}`;
}

export class StateStore {
  private rooms = 0;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async record(key: string): Promise<SavedStateRecord | null> {
    const parsed = savedStateRecordSchema.safeParse(await this.kv.get(key));
    return parsed.success ? parsed.data : null;
  }

  /** The current saved state, or null (none, or an unreadable record). */
  current(): Promise<SavedStateRecord | null> {
    return this.record(STATE_POINTER_KEY);
  }

  archived(): Promise<SavedStateRecord | null> {
    return this.record(STATE_ARCHIVE_KEY);
  }

  /** The stored bytes of a record; throws if they are missing. */
  async readData(record: SavedStateRecord): Promise<Blob> {
    const value = await this.kv.get<unknown>(record.dataKey);
    if (value instanceof Blob) return value;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return new Blob([value as BlobPart]);
    throw new Error("The saved machine's data is missing.");
  }

  /**
   * Stores `data` as the new current state. If this throws (e.g. QuotaExceededError), the
   * previous state is untouched. Returns the new record. `fields` may still be on their way (the
   * checksum of 200 MB takes a second): the bytes are written meanwhile.
   */
  async write(data: Blob, fields: NewStateRecord | Promise<NewStateRecord>): Promise<SavedStateRecord> {
    const previous = await this.current();
    const id = newId();
    const dataKey = STATE_DATA_PREFIX + id;
    let record: SavedStateRecord;
    try {
      const [, f] = await Promise.all([this.kv.set(dataKey, data), fields]); // 1. the bytes, under a key nothing points at yet
      record = {
        version: 1,
        id,
        dataKey,
        savedAt: this.clock().toISOString(),
        encoding: f.encoding,
        storedSize: data.size,
        storedSha256: f.storedSha256,
        meta: f.meta,
      };
      savedStateRecordSchema.parse(record); // never store a record the next visit could not read
      await this.kv.set(STATE_POINTER_KEY, record); // 2. the switch: one small record
    } catch (err) {
      await this.kv.del(dataKey).catch(() => {});
      throw err;
    }
    if (previous && previous.dataKey !== record.dataKey) {
      await this.kv.del(previous.dataKey).catch(() => {}); // 3. the old bytes (or later, by collect())
    }
    return record;
  }

  /**
   * Stores the same state in another encoding (the idle-time compression of a raw save) and makes it
   * current, but only if `record` is still current: a save, reset or archive that came in
   * between wins, and the new bytes are dropped. Keeps the record's id and time (it is the same
   * save). Returns the new record, or null if `record` was no longer current.
   */
  async reencode(record: SavedStateRecord, data: Blob, fields: Pick<SavedStateRecord, "encoding" | "storedSha256">): Promise<SavedStateRecord | null> {
    const next: SavedStateRecord = { ...record, ...fields, dataKey: `${STATE_DATA_PREFIX}${record.id}.${fields.encoding}`, storedSize: data.size };
    if (next.dataKey === record.dataKey) return null;
    savedStateRecordSchema.parse(next);
    await this.kv.set(next.dataKey, data);
    let switched = false;
    try {
      await this.kv.update(STATE_POINTER_KEY, (old) => {
        const current = savedStateRecordSchema.safeParse(old);
        switched = current.success && current.data.id === record.id && current.data.dataKey === record.dataKey;
        return switched ? next : old;
      });
    } catch (err) {
      await this.kv.del(next.dataKey).catch(() => {});
      throw err;
    }
    await this.kv.del(switched ? record.dataKey : next.dataKey).catch(() => {}); // or later, by collect()
    return switched ? next : null;
  }

  /** Forgets the current state (the next visit starts the clean machine). */
  async clear(): Promise<void> {
    const previous = await this.current();
    await this.kv.del(STATE_POINTER_KEY);
    if (previous) await this.kv.del(previous.dataKey);
  }

  /** Moves the current state aside (it cannot be resumed) so new saves do not replace it. */
  async archiveCurrent(): Promise<SavedStateRecord | null> {
    const current = await this.current();
    if (!current) return null;
    const old = await this.archived();
    await this.kv.set(STATE_ARCHIVE_KEY, current);
    await this.kv.del(STATE_POINTER_KEY);
    if (old && old.dataKey !== current.dataKey) await this.kv.del(old.dataKey);
    return current;
  }

  async deleteArchived(): Promise<void> {
    const old = await this.archived();
    await this.kv.del(STATE_ARCHIVE_KEY);
    if (old) await this.kv.del(old.dataKey);
  }

  /**
   * Claims room for `bytes` more by storing a placeholder that large (each call adds one):
   * throws (e.g. QuotaExceededError, or an IOError on a full disk) at once when it cannot fit.
   * The browser's estimate() is no help here: Chromium reports usage + 1 GiB, not the room that
   * writes run into.
   */
  async reserveRoom(bytes: number): Promise<void> {
    // One MiB blob, referred to again and again: the page neither copies nor sends the bytes
    // (the browser writes them out). With a buffer per MiB, a full disk took 2-4x longer to say so.
    const mib = new Blob([new Uint8Array(1024 * 1024)]);
    const parts: BlobPart[] = Array.from({ length: Math.floor(bytes / mib.size) }, () => mib);
    parts.push(new Uint8Array(bytes % mib.size));
    await this.kv.set(this.rooms === 0 ? STATE_ROOM_KEY : `${STATE_ROOM_KEY}-${this.rooms}`, new Blob(parts));
    this.rooms++;
  }

  /** Frees the placeholders, just before the real state is written into their room. */
  async releaseRoom(): Promise<void> {
    for (let i = 0; i < Math.max(this.rooms, 1); i++) await this.kv.del(i === 0 ? STATE_ROOM_KEY : `${STATE_ROOM_KEY}-${i}`).catch(() => {});
    this.rooms = 0;
  }

  /** Deletes bytes no record points at (left by a tab closed mid-save). Only the owner tab calls it. */
  async collect(): Promise<number> {
    const live = new Set([(await this.current())?.dataKey, (await this.archived())?.dataKey]);
    let removed = 0;
    for (const key of await this.kv.keys()) {
      if (key.startsWith(STATE_DATA_PREFIX) && !live.has(key)) {
        await this.kv.del(key);
        removed++;
      }
    }
    return removed;
  }
}
