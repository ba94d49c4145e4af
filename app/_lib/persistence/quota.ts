// Storage space: ask the browser to keep our data (persist), report what is used, recognise a
// full quota, and refuse a save up front when it clearly cannot fit (so the learner hears about
// it at once instead of after compressing 140 MB).

export interface StorageManagerLike {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

export interface StorageUsage {
  usage: number;
  quota: number;
  persisted: boolean;
}

export class StorageFullError extends Error {
  constructor(
    readonly needed: number,
    readonly available: number | null,
  ) {
    super("There is not enough storage space for the saved machine.");
    this.name = "StorageFullError";
  }
}

/**
 * True for the browser's "quota exceeded" in its various shapes (DOMException, IDB abort), and
 * for a full disk: Chromium then fails IndexedDB's blob write with "Failed to write blobs
 * (IOError)" well before its reported quota (usage + 1 GiB) is reached.
 */
export function isQuotaError(err: unknown): boolean {
  if (err instanceof StorageFullError) return true;
  if (!err || typeof err !== "object") return false;
  const e = err as { name?: string; code?: number; message?: string; inner?: unknown; cause?: unknown };
  if (e.name === "QuotaExceededError" || e.code === 22 || e.code === 1014) return true;
  if (typeof e.message === "string" && /quota|QuotaExceeded|Failed to write blobs/i.test(e.message)) return true;
  return isQuotaError(e.inner) || isQuotaError(e.cause);
}

export function defaultStorage(): StorageManagerLike | null {
  return typeof navigator !== "undefined" && navigator.storage ? navigator.storage : null;
}

/** Asks once to keep this site's data from eviction; false where refused or unsupported. */
export async function requestPersistence(storage = defaultStorage()): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

export async function storageUsage(storage = defaultStorage()): Promise<StorageUsage | null> {
  try {
    if (!storage?.estimate) return null;
    const { usage = 0, quota = 0 } = await storage.estimate();
    const persisted = storage.persisted ? await storage.persisted().catch(() => false) : false;
    return { usage, quota, persisted };
  } catch {
    return null;
  }
}

/**
 * Throws StorageFullError when the estimate says `bytes` cannot fit. The new state is written
 * before the old one is deleted, so the room needed is the full size of the new one.
 */
export async function assertRoomFor(bytes: number, storage = defaultStorage()): Promise<void> {
  const u = await storageUsage(storage);
  if (!u || u.quota <= 0) return; // unknown: try, and let the write tell
  const available = Math.max(0, u.quota - u.usage);
  if (available < bytes) throw new StorageFullError(bytes, available);
}
