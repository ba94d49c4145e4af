import assert from "node:assert/strict";
import { test } from "node:test";
import { assertRoomFor, isQuotaError, requestPersistence, StorageFullError, storageUsage } from "./quota";

test("quota errors are recognised in their browser shapes", () => {
  assert.ok(isQuotaError(Object.assign(new Error("x"), { name: "QuotaExceededError" })));
  assert.ok(isQuotaError({ name: "AbortError", inner: { name: "QuotaExceededError" } }));
  assert.ok(isQuotaError(new StorageFullError(10, 1)));
  // Chromium on a full disk (measured: a small profile on tmpfs)
  assert.ok(isQuotaError(Object.assign(new Error("Failed to write blobs (IOError)"), { name: "DataError" })));
  assert.ok(!isQuotaError(new Error("network")));
  assert.ok(!isQuotaError(null));
});

test("a save that clearly cannot fit is refused up front", async () => {
  const storage = { estimate: async () => ({ usage: 90, quota: 100 }), persisted: async () => true };
  await assertRoomFor(10, storage);
  await assert.rejects(assertRoomFor(11, storage), (err: unknown) => err instanceof StorageFullError && err.available === 10);
  await assertRoomFor(1e12, { estimate: async () => ({}) }); // unknown quota: let the write tell
  assert.deepEqual(await storageUsage(storage), { usage: 90, quota: 100, persisted: true });
});

test("persistence is asked once and failures count as not granted", async () => {
  let asked = 0;
  assert.equal(await requestPersistence({ persisted: async () => false, persist: async () => (asked++, true) }), true);
  assert.equal(asked, 1);
  assert.equal(await requestPersistence({ persist: async () => Promise.reject(new Error("no")) }), false);
  assert.equal(await requestPersistence(null), false);
});
