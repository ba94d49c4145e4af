// Ties the persistence modules to one Sandbox: resumes the saved machine before the clean
// snapshot would be, saves it (Save button, hidden tab, every 2 minutes when used), hands it to
// another tab on request, and keeps a state that cannot be resumed for download. Plain
// TypeScript with one observable view for the UI; no React, and no v86: only the Sandbox API.

import { isStoppedForGood, type Observable, type Sandbox, sha256Hex, type StartOptions, type StateMeta, Store } from "@/emulator/browser";
import { AutosaveScheduler, type SaveReason } from "./autosave";
import { Compactor } from "./compact";
import { DEFAULT_ENCODING, FAST_ENCODING, decodeState, encodeState, type StateEncoding } from "./compression";
import { idbStore, type KeyValueStore } from "./kv";
import {
  assertRoomFor,
  defaultStorage,
  isQuotaError,
  requestPersistence,
  storageUsage,
  type StorageManagerLike,
  type StorageUsage,
} from "./quota";
import { StateStore, type NewStateRecord, type SavedStateRecord } from "./state-store";
import { TabOwnership, type ChannelLike, type LockManagerLike, type OwnershipState } from "./tab-owner";

export type ArchiveReason = "other-image" | "damaged";

export interface PersistenceView {
  ownership: OwnershipState;
  /** Where the running machine came from. */
  resumed: "saved" | "clean" | null;
  saving: boolean;
  lastSaved: { at: string; bytes: number; ms: number; encoding: StateEncoding } | null;
  /** The last save failed; `quota` means the storage is full. Cleared by the next good save. */
  saveError: { kind: "quota" | "other"; message: string; at: number } | null;
  usage: StorageUsage | null;
  /** A saved machine that could not be resumed and is kept for download. */
  archived: { reason: ArchiveReason; savedAt: string; size: number; detail: string } | null;
  /** The service worker could not get a piece of the disk (offline and not cached). */
  diskMissing: boolean;
}

export type ExpectedMeta = Pick<StateMeta, "diskSha256" | "optionsHash" | "v86Version" | "memoryMB">;

/** Whether a state saved against `meta` can run on the machine `expected` describes. */
export function isSameImage(meta: ExpectedMeta, expected: ExpectedMeta): boolean {
  return (
    meta.diskSha256 === expected.diskSha256 &&
    meta.v86Version === expected.v86Version &&
    meta.memoryMB === expected.memoryMB &&
    meta.optionsHash === expected.optionsHash
  );
}

export interface MachinePersistenceOptions {
  kv?: KeyValueStore;
  /** How states end up stored: "zstd" (the default) compacts each raw save in idle time. */
  encoding?: StateEncoding;
  guestBaseUrl?: string;
  ownership?: TabOwnership;
  /** Loads what the current site's guest expects of a state (from /guest/manifest.json). */
  loadExpected?: () => Promise<ExpectedMeta | null>;
  autosaveIntervalMs?: number;
  /** For tests: how long the machine must be idle before a raw save is compressed. */
  compactDelayMs?: number;
  /** For tests: the lock manager and channel of TabOwnership. */
  locks?: LockManagerLike | null;
  /** For tests: navigator.storage. */
  storage?: StorageManagerLike | null;
  channel?: ChannelLike | null;
}

/** Sizes of a first save, before any is known: about the clean machine's state. */
const FIRST_RAW_ESTIMATE = 150 * 1024 * 1024;
const FIRST_COMPACT_ESTIMATE = 48 * 1024 * 1024;
/** What an archived state's file name ends with, so that a learner's tools know how to open it. */
const ARCHIVE_SUFFIX: Record<StateEncoding, string> = { zstd: ".zst", gzip: ".gz", raw: "" };

export class MachinePersistence {
  readonly view: Store<PersistenceView>;
  readonly store: StateStore;
  readonly ownership: TabOwnership;
  readonly encoding: StateEncoding;
  private readonly autosave: AutosaveScheduler;
  private readonly compactor: Compactor;
  private sandbox: Sandbox | null = null;
  private unsubscribeBusy: (() => void) | null = null;
  private restartProvider: ((options?: StartOptions) => void) | null = null;
  private persistAsked = false;
  /**
   * Set by e2e tests through sessionStorage: "decide" checks the saved state (refusing it if need
   * be) but does not start the guest; "store-only" does not even read it.
   */
  testMode: "decide" | "store-only" | null = null;

  constructor(private readonly options: MachinePersistenceOptions = {}) {
    this.store = new StateStore(options.kv ?? idbStore());
    this.encoding = options.encoding ?? DEFAULT_ENCODING;
    this.ownership =
      options.ownership ??
      new TabOwnership({
        onHandover: () => this.handOver(),
        onLost: () => void this.stopMachine(),
        ...(options.locks !== undefined ? { locks: options.locks } : {}),
        ...(options.channel !== undefined ? { channel: options.channel } : {}),
      });
    this.view = new Store<PersistenceView>({
      ownership: this.ownership.state.get(),
      resumed: null,
      saving: false,
      lastSaved: null,
      saveError: null,
      usage: null,
      archived: null,
      diskMissing: false,
    });
    this.ownership.state.subscribe((ownership) => this.patch({ ownership }));
    this.autosave = new AutosaveScheduler({
      save: (reason) => this.doSave(reason),
      intervalMs: options.autosaveIntervalMs,
    });
    this.compactor = new Compactor({
      store: this.store,
      isIdle: () => {
        const sandbox = this.sandbox;
        return !!sandbox && sandbox.status.get() === "ready" && !sandbox.busy.get() && !this.autosave.saving && this.ownership.holdsLock;
      },
      onCompacted: (record) => {
        const last = this.view.get().lastSaved;
        if (last) this.patch({ lastSaved: { ...last, bytes: record.storedSize, encoding: record.encoding } });
        void this.refreshUsage();
      },
      delayMs: options.compactDelayMs,
    });
  }

  get observable(): Observable<PersistenceView> {
    return this.view;
  }

  private patch(part: Partial<PersistenceView>): void {
    this.view.set({ ...this.view.get(), ...part });
  }

  /** The SandboxProvider's restart, so "Use it here" can start a fresh machine. */
  bindRestart(restart: ((options?: StartOptions) => void) | null): void {
    this.restartProvider = restart;
  }

  // ---- starting -------------------------------------------------------------------------------

  /** SandboxProvider's starter: resume the saved machine if this tab may, else the clean one. */
  start = async (sandbox: Sandbox): Promise<void> => {
    this.attach(sandbox);
    if (!(await this.ownership.claim())) return; // another tab has it: the UI says so
    if (this.testMode === "store-only") return;
    const saved = await this.loadSaved();
    void this.refreshArchived();
    if (this.testMode === "decide") return;
    try {
      await sandbox.start(saved ? { state: saved } : undefined);
      this.patch({ resumed: saved ? "saved" : "clean" });
    } catch (err) {
      if (!saved || !isRejected(err)) throw err;
      // state-check refused it in the worker: keep it for download and start the clean machine.
      await this.archive("damaged", messageOf(err));
      await sandbox.start();
      this.patch({ resumed: "clean" });
    }
    this.autosave.markClean();
    void this.store.collect().catch(() => {});
    void this.refreshUsage();
    if (this.encoding !== FAST_ENCODING) this.compactor.schedule(); // a raw state saved by a closing tab
  };

  private attach(sandbox: Sandbox): void {
    this.unsubscribeBusy?.();
    this.sandbox = sandbox;
    this.unsubscribeBusy = sandbox.busy.subscribe((busy) => this.autosave.noteBusy(busy));
  }

  /** What the site's current guest needs; null if the manifest cannot be read (state-check still runs). */
  async expected(): Promise<ExpectedMeta | null> {
    if (this.options.loadExpected) return this.options.loadExpected();
    try {
      const base = this.options.guestBaseUrl ?? "/guest/";
      const response = await fetch(new URL("manifest.json", new URL(base, location.href)), { cache: "no-cache" });
      if (!response.ok) return null;
      const m = (await response.json()) as { disk?: { sha256?: string }; optionsHash?: string; v86Version?: string; memoryMB?: number };
      if (!m.disk?.sha256 || !m.optionsHash || !m.v86Version || !m.memoryMB) return null;
      return { diskSha256: m.disk.sha256, optionsHash: m.optionsHash, v86Version: m.v86Version, memoryMB: m.memoryMB };
    } catch {
      return null;
    }
  }

  /** Reads and checks the saved machine; one that cannot be resumed is archived with a reason. */
  async loadSaved(): Promise<{ data: ArrayBuffer; meta: StateMeta; verified: boolean } | null> {
    let record: SavedStateRecord | null;
    try {
      record = await this.store.current();
    } catch {
      return null; // storage unavailable (private mode): nothing saved
    }
    if (!record) return null;
    const expected = await this.expected();
    if (expected && !isSameImage(record.meta, expected)) {
      await this.archive("other-image", "");
      return null;
    }
    try {
      const stored = await (await this.store.readData(record)).arrayBuffer();
      if (stored.byteLength !== record.storedSize || (await sha256Hex(stored)) !== record.storedSha256) {
        throw new Error("its checksum does not match");
      }
      // A zstd state goes to the machine as it is: v86's decoder writes it straight into guest memory.
      const data = record.encoding === "zstd" ? stored : await decodeState(stored, record.encoding);
      // The machine need not hash the state again (0.6 s for a 217 MB state) when these bytes are
      // known good: a raw state whose checksum just matched the machine's, or a compressed one,
      // made only from such a raw state (the save, compaction), whose stored checksum just matched.
      const verified = record.encoding !== "raw" || record.storedSha256 === record.meta.sha256;
      return { data, meta: record.meta, verified };
    } catch (err) {
      await this.archive("damaged", messageOf(err));
      return null;
    }
  }

  private async archive(reason: ArchiveReason, detail: string): Promise<void> {
    try {
      const record = await this.store.archiveCurrent();
      if (record) this.patch({ archived: { reason, savedAt: record.savedAt, size: record.storedSize, detail } });
    } catch {
      // Storage unavailable: the clean machine starts anyway.
    }
  }

  private async refreshArchived(): Promise<void> {
    if (this.view.get().archived) return;
    const record = await this.store.archived().catch(() => null);
    if (!record) return;
    const expected = await this.expected();
    const reason: ArchiveReason = expected && record.meta.diskSha256 !== expected.diskSha256 ? "other-image" : "damaged";
    this.patch({ archived: { reason, savedAt: record.savedAt, size: record.storedSize, detail: "" } });
  }

  /** The archived state as a file to download (the stored bytes, compressed if so stored). */
  async archivedDownload(): Promise<{ blob: Blob; fileName: string } | null> {
    const record = await this.store.archived();
    if (!record) return null;
    const blob = await this.store.readData(record);
    const stamp = record.savedAt.replace(/[:.]/g, "-").slice(0, 19);
    const fileName = `docker-browser-lab-machine-${stamp}.v86state${ARCHIVE_SUFFIX[record.encoding]}`;
    return { blob, fileName };
  }

  async deleteArchived(): Promise<void> {
    await this.store.deleteArchived();
    this.patch({ archived: null });
    void this.refreshUsage();
  }

  dismissArchived(): void {
    this.patch({ archived: null });
  }

  // ---- saving ---------------------------------------------------------------------------------

  /** The learner's Save button. Resolves when stored; rejects with the reason (also in the view). */
  async save(): Promise<void> {
    // Say a full storage at once, even while an automatic save is still running ahead of this one.
    try {
      await this.assertRoomForNextSave();
    } catch (err) {
      this.patch({ saveError: { kind: "quota", message: messageOf(err), at: Date.now() } });
      throw err;
    }
    return this.autosave.saveNow("manual");
  }

  /** The new state is written before the old one goes, so it needs room for at least its smallest form. */
  private async assertRoomForNextSave(): Promise<void> {
    await assertRoomFor((await this.expectedSizes()).compact, this.storage);
  }

  /** About the size of the next state, raw and compressed: the last one's. */
  private async expectedSizes(): Promise<{ raw: number; compact: number }> {
    const previous = await this.store.current().catch(() => null);
    if (!previous) return { raw: FIRST_RAW_ESTIMATE, compact: FIRST_COMPACT_ESTIMATE };
    const compact = previous.encoding !== "raw" ? previous.storedSize : Math.round(previous.meta.size / 3);
    return { raw: previous.meta.size, compact };
  }

  /**
   * Claims room for the state's smallest form by storing a placeholder that large: a full storage
   * is then known in a moment. (estimate() is no help: Chromium reports usage + 1 GiB whatever
   * the disk holds.) It runs before the machine is asked for its state, so a full storage is said
   * without racing v86's save, and no state is made that could not be stored.
   */
  private async claimSmallestRoom(sizes: { raw: number; compact: number }): Promise<number> {
    const smallest = this.encoding === FAST_ENCODING ? sizes.raw : Math.min(sizes.compact, sizes.raw);
    await this.store.reserveRoom(smallest);
    return smallest;
  }

  /**
   * While the state is made, claims the rest of the raw size. The raw state is stored when it
   * fits; if it does not, the state is compressed before it is stored (slower, a third of the room).
   */
  private async claimRawRoom(sizes: { raw: number; compact: number }, claimed: number): Promise<StateEncoding> {
    if (claimed >= sizes.raw) return FAST_ENCODING;
    try {
      await assertRoomFor(sizes.raw, this.storage);
      await this.store.reserveRoom(sizes.raw - claimed);
      return FAST_ENCODING;
    } catch (err) {
      if (!isQuotaError(err)) throw err;
      return this.encoding;
    }
  }

  private get storage(): StorageManagerLike | null {
    return this.options.storage !== undefined ? this.options.storage : defaultStorage();
  }

  onVisibilityHidden(): void {
    void this.autosave.onHidden()?.catch(() => {});
  }

  private async doSave(reason: SaveReason): Promise<void> {
    const sandbox = this.sandbox;
    if (!sandbox || !this.ownership.holdsLock || sandbox.status.get() !== "ready") {
      throw new Error("The machine is not running in this tab.");
    }
    // A crashed or stopped machine is not saved: its state would replace the last good one.
    const health = sandbox.health.get();
    if (isStoppedForGood(health) || health === "frozen") {
      throw new Error(`The machine is not well (${health}); it was not saved.`);
    }
    // The CPU is this save's now. No need to wait for the compaction to wind down: it swaps in
    // its copy only while the state it started from is still current.
    void this.compactor.cancel();
    this.patch({ saving: true });
    const started = performance.now();
    try {
      // Refuse at once when the space clearly is not there (the previous state stays as it is).
      const sizes = await this.expectedSizes();
      await assertRoomFor(sizes.compact, this.storage);
      if (!this.persistAsked) {
        this.persistAsked = true;
        void requestPersistence(this.storage);
      }
      // The guest's page cache is not dropped first (sync; drop_caches): that shrinks the state
      // by a quarter but lengthens the save, and the first command after a resume then reads the
      // docker CLI from disk again (docs/performance.md).
      let state: Awaited<ReturnType<Sandbox["save"]>>;
      let encoding: StateEncoding;
      try {
        // No claim when the tab is hiding: it may be closing, be quick.
        const claimed = reason === "hidden" ? null : await this.claimSmallestRoom(sizes);
        const made = sandbox.save();
        made.catch(() => {}); // when the room fails first, this one's outcome no longer matters
        const room = claimed === null ? Promise.resolve(FAST_ENCODING) : this.claimRawRoom(sizes, claimed);
        [state, encoding] = await Promise.all([made, room]);
      } finally {
        await this.store.releaseRoom();
      }
      const { data, meta } = state;
      const blob = await encodeState(data, encoding);
      await assertRoomFor(blob.size, this.storage);
      // The checksums are made while the bytes are written.
      const rawSha = sha256Hex(data);
      const storedSha = encoding === FAST_ENCODING ? rawSha : blob.arrayBuffer().then(sha256Hex);
      const fields = Promise.all([rawSha, storedSha]).then(([sha256, storedSha256]) => ({
        encoding,
        storedSha256,
        meta: { ...meta, sha256, size: data.byteLength },
      }));
      await this.store.write(blob, fields);
      this.patch({
        saving: false,
        saveError: null,
        lastSaved: { at: new Date().toISOString(), bytes: blob.size, ms: Math.round(performance.now() - started), encoding },
      });
      if (encoding !== this.encoding) this.compactor.schedule();
    } catch (err) {
      const kind = isQuotaError(err) ? "quota" : "other";
      this.patch({ saving: false, saveError: { kind, message: messageOf(err), at: Date.now() } });
      throw err;
    } finally {
      void this.refreshUsage();
    }
  }

  async refreshUsage(): Promise<void> {
    const usage = await storageUsage(this.storage);
    if (usage) this.patch({ usage });
  }

  /** Saves the machine when it runs in this tab and was used since its last save (a backup's first step). */
  async saveIfUsed(): Promise<void> {
    const sandbox = this.sandbox;
    if (!sandbox || !this.ownership.holdsLock || sandbox.status.get() !== "ready") return;
    if (!this.autosave.dirty && (await this.store.current())) return;
    await this.save();
  }

  // ---- a machine from a backup ----------------------------------------------------------------

  /**
   * Makes a machine from a backup the saved one, and resumes it in this tab. The previous saved
   * machine stays whole until the new one is stored (StateStore.write), so a failure (a full
   * storage) leaves it as it was.
   */
  async replaceSaved(data: Blob, fields: NewStateRecord): Promise<void> {
    if (!this.ownership.holdsLock) throw new Error("The machine is open in another tab.");
    await this.autosave.settled(); // a save under way would otherwise land after, over the import
    await this.compactor.cancel();
    await assertRoomFor(data.size, this.storage);
    this.autosave.markClean(); // the running machine is about to be replaced: nothing of it to save
    await this.store.write(data, fields);
    this.patch({ lastSaved: null, saveError: null });
    if (this.restartProvider) this.restartProvider();
    else if (this.sandbox) await this.start(this.sandbox);
    void this.refreshUsage();
  }

  // ---- tabs -----------------------------------------------------------------------------------

  /** Owner side of a handover: save what the learner did, stop the machine, then let go. */
  private async handOver(): Promise<boolean> {
    let saved = false;
    const sandbox = this.sandbox;
    if (sandbox && sandbox.status.get() === "ready") {
      try {
        await this.autosave.saveNow("handover");
        saved = true;
      } catch {
        saved = false; // the last saved state is still there; the other tab resumes that
      }
    }
    await this.stopMachine();
    return saved;
  }

  private async stopMachine(): Promise<void> {
    await this.compactor.cancel(); // before another tab may read the store: no bytes go from under it
    const sandbox = this.sandbox;
    this.unsubscribeBusy?.();
    this.unsubscribeBusy = null;
    this.patch({ resumed: null });
    if (sandbox && sandbox.status.get() !== "destroyed") await sandbox.destroy().catch(() => {});
  }

  /** "Use it here": the other tab saves and lets go; this tab then resumes what it saved. */
  async useHere(): Promise<void> {
    await this.ownership.takeOver();
    if (!this.ownership.isOwner) return;
    if (this.restartProvider) this.restartProvider();
    else if (this.sandbox) await this.start(this.sandbox);
  }

  // ---- reset ----------------------------------------------------------------------------------

  /** Machine only: forget the saved state and resume the clean snapshot. */
  async resetMachine(): Promise<void> {
    await this.compactor.cancel();
    await this.store.clear().catch(() => {});
    this.patch({ lastSaved: null, saveError: null });
    await this.sandbox?.reset();
    this.autosave.markClean();
    this.patch({ resumed: "clean" });
    void this.refreshUsage();
  }

  setDiskMissing(missing: boolean): void {
    if (this.view.get().diskMissing !== missing) this.patch({ diskMissing: missing });
  }

  dispose(): void {
    this.autosave.stop();
    void this.compactor.cancel();
    this.unsubscribeBusy?.();
    this.ownership.dispose();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/** state-check's refusal, also after crossing the worker boundary (comlink keeps name and message). */
function isRejected(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { name?: string }).name === "StateRejectedError";
}
