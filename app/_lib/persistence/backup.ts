// Moving a learner's work to another computer: a backup file (backup-file.ts) made from what this
// browser stores, and one loaded into it. Loading is two steps: `inspectBackup` checks the whole
// file and says what it holds, writing nothing; `loadBackup` then stores what the learner chose.
// Progress is merged, never replaced, so nothing passed here is lost; a machine from the file
// replaces the saved one only when the learner asks, and only a machine this site can run.
//
//   const backup = await makeBackup(persistence, { machine: true });   // { blob, fileName }
//   const plan = await inspectBackup(file, await persistence.expected());
//   await loadBackup(plan, persistence, { machine: plan.machineUsable });

import { importProgress, loadProgress, type Progress } from "@/app/_lib/progress";
import { backupFileName, encodeBackup, readBackup, type BackupHeader, type BackupMachine } from "./backup-file";
import { isSameImage, type ExpectedMeta, type MachinePersistence } from "./session";
import type { SavedStateRecord } from "./state-store";

export interface BackupPlan {
  exportedAt: string;
  progress: Progress;
  machine: { info: BackupMachine; data: Blob } | null;
  /** Whether this site can run the file's machine (false: saved for another guest image). */
  machineUsable: boolean;
}

/** The part of MachinePersistence a backup uses. */
export type BackupPersistence = Pick<MachinePersistence, "store" | "saveIfUsed" | "replaceSaved">;

/** The progress was added, but the file's machine could not be stored (the saved one is unchanged). */
export class MachineNotStoredError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message || reason.name : String(reason));
    this.name = "MachineNotStoredError";
  }
}

export class NothingSavedError extends Error {
  constructor() {
    super("No machine is saved in this browser yet.");
    this.name = "NothingSavedError";
  }
}

/** The backup file of this browser's progress and, with `machine`, its saved machine (saved first if used). */
export async function makeBackup(persistence: BackupPersistence, { machine }: { machine: boolean }, now = new Date()): Promise<{ blob: Blob; fileName: string }> {
  let saved: { record: SavedStateRecord; data: Blob } | null = null;
  if (machine) {
    await persistence.saveIfUsed();
    const record = await persistence.store.current();
    if (!record) throw new NothingSavedError();
    saved = { record, data: await persistence.store.readData(record) };
  }
  return { blob: await encodeBackup(await loadProgress(), saved, now), fileName: backupFileName(now) };
}

/** Checks a file completely and says what loading it would store; throws BackupRefusal, stores nothing. */
export async function inspectBackup(file: Blob, expected: ExpectedMeta | null): Promise<BackupPlan> {
  const { header, machine } = await readBackup(file);
  return planOf(header, machine, expected);
}

function planOf(header: BackupHeader, machine: Blob | null, expected: ExpectedMeta | null): BackupPlan {
  const info = header.machine;
  return {
    exportedAt: header.exportedAt,
    progress: header.progress,
    machine: info && machine ? { info, data: machine } : null,
    // Unknown (the site's manifest unreadable): the machine's own check refuses it at resume if need be.
    machineUsable: !!info && (!expected || isSameImage(info.meta, expected)),
  };
}

/**
 * Stores a checked backup: its progress merged into this browser's, then, with `machine` (and a
 * machine this site can run), its machine as the saved one, resumed at once. A machine that
 * cannot be stored (a full storage) leaves the saved one as it was, and rejects with
 * MachineNotStoredError; any other rejection means the progress was not stored either.
 */
export async function loadBackup(plan: BackupPlan, persistence: BackupPersistence, { machine }: { machine: boolean }): Promise<void> {
  await importProgress(plan.progress);
  if (!machine || !plan.machine || !plan.machineUsable) return;
  const { info, data } = plan.machine;
  try {
    await persistence.replaceSaved(data, { encoding: info.encoding, storedSha256: info.storedSha256, meta: info.meta });
  } catch (err) {
    throw new MachineNotStoredError(err);
  }
}
