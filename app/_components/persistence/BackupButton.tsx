"use client";
// The terminal toolbar's Backup: a dialog to download the learner's progress (and, if they
// choose, their machine) as one file, and to load such a file, here or on another computer
// (app/_lib/persistence/backup.ts). A file is checked whole before anything is stored, and a
// refused one says why and changes nothing.

import { useEffect, useId, useState } from "react";
import { format, formatBytes, htmlLang } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { loadProgress, progressSize } from "@/app/_lib/progress";
import { BackupRefusal, BACKUP_EXTENSION } from "@/app/_lib/persistence/backup-file";
import { inspectBackup, loadBackup, MachineNotStoredError, makeBackup, NothingSavedError, type BackupPlan } from "@/app/_lib/persistence/backup";
import { ModalDialog } from "@/app/_components/ui/ModalDialog";
import { Field } from "@/app/_components/ui/Field";
import { usePersistence, usePersistenceView } from "./PersistentSandboxProvider";
import { usePersistenceMessages } from "./usePersistenceMessages";

export function BackupButton() {
  const controller = usePersistence();
  const t = usePersistenceMessages().backup;
  const [open, setOpen] = useState(false);
  if (!controller) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={t.buttonLabel}
        title={t.buttonLabel}
        className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-slate-300 transition-colors hover:bg-white/10 hover:text-white"
        data-testid="backup-button"
      >
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M7 4v13M3.5 13.5L7 17l3.5-3.5M17 20V7M13.5 10.5L17 7l3.5 3.5" />
        </svg>
        <span className="hidden @lg:inline">{t.button}</span>
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} titleId="backup-title" title={t.title} testId="backup-dialog" width="38rem">
        <DownloadBackup />
        <LoadBackup />
      </ModalDialog>
    </>
  );
}

function useDate() {
  const locale = useLocale();
  return (iso: string) => new Date(iso).toLocaleString(htmlLang(locale), { dateStyle: "medium", timeStyle: "short" });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

function DownloadBackup() {
  const controller = usePersistence()!;
  const t = usePersistenceMessages().backup;
  const id = useId();
  const [passed, setPassed] = useState<number | null>(null);
  const [withMachine, setWithMachine] = useState(true);
  const [state, setState] = useState<{ kind: "idle" | "making" } | { kind: "done"; name: string } | { kind: "failed"; message: string }>({ kind: "idle" });
  useEffect(() => {
    void loadProgress().then((p) => setPassed(progressSize(p).exercises));
  }, []);

  async function download() {
    setState({ kind: "making" });
    try {
      const { blob, fileName } = await makeBackup(controller, { machine: withMachine });
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: "done", name: fileName });
    } catch (err) {
      setState({ kind: "failed", message: err instanceof NothingSavedError ? t.nothingSaved : format(t.failed, { error: messageOf(err) }) });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 rounded-lg border border-line p-4">
      <h3 id={`${id}-title`} className="font-semibold text-fg">
        {t.downloadTitle}
      </h3>
      <p className="mt-1 text-sm leading-relaxed text-muted">{format(t.downloadLead, { n: passed ?? "…" })}</p>
      <Checkbox checked={withMachine} onChange={setWithMachine} label={t.includeMachine} note={t.includeMachineNote} testId="backup-include-machine" />
      <div className="mt-3 flex flex-wrap items-center justify-end gap-3">
        <p className="mr-auto text-sm" role="status">
          {state.kind === "done" ? <span className="text-muted">{format(t.downloaded, { name: state.name })}</span> : null}
          {state.kind === "failed" ? <span className="text-danger" data-testid="backup-download-error">{state.message}</span> : null}
        </p>
        <button type="button" className="btn btn-primary btn-sm" onClick={download} disabled={state.kind === "making"} data-testid="backup-download">
          {state.kind === "making" ? t.preparing : t.download}
        </button>
      </div>
    </section>
  );
}

type LoadStage =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "refused"; refusal: BackupRefusal; size: number }
  | { kind: "ready"; plan: BackupPlan; saved: string | null }
  | { kind: "loading" }
  | { kind: "loaded"; machine: boolean }
  | { kind: "failed"; message: string };

function LoadBackup() {
  const controller = usePersistence()!;
  const view = usePersistenceView();
  const t = usePersistenceMessages().backup;
  const locale = useLocale();
  const id = useId();
  const [stage, setStage] = useState<LoadStage>({ kind: "idle" });
  const [replace, setReplace] = useState(true);
  const owner = view?.ownership === "owner";

  async function choose(file: File | undefined) {
    if (!file) return setStage({ kind: "idle" });
    setStage({ kind: "checking" });
    try {
      const plan = await inspectBackup(file, await controller.expected());
      const saved = (await controller.store.current().catch(() => null))?.savedAt ?? null;
      setReplace(true);
      setStage({ kind: "ready", plan, saved });
    } catch (err) {
      if (err instanceof BackupRefusal) setStage({ kind: "refused", refusal: err, size: file.size });
      else setStage({ kind: "refused", refusal: new BackupRefusal("damaged", messageOf(err)), size: file.size });
    }
  }

  async function load(plan: BackupPlan, machine: boolean) {
    setStage({ kind: "loading" });
    try {
      await loadBackup(plan, controller, { machine });
      setStage({ kind: "loaded", machine });
    } catch (err) {
      const error = messageOf(err);
      setStage({ kind: "failed", message: format(err instanceof MachineNotStoredError ? t.loadFailed : t.progressFailed, { error }) });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 rounded-lg border border-line p-4">
      <h3 id={`${id}-title`} className="font-semibold text-fg">
        {t.loadTitle}
      </h3>
      <p className="mt-1 text-sm leading-relaxed text-muted">{t.loadLead}</p>
      <Field id={`${id}-file`} label={t.file}>
        <input
          id={`${id}-file`}
          type="file"
          accept={BACKUP_EXTENSION}
          onChange={(e) => void choose(e.target.files?.[0])}
          disabled={stage.kind === "checking" || stage.kind === "loading"}
          className="mt-1.5 block w-full text-sm text-muted file:mr-3 file:rounded-md file:border file:border-line-strong file:bg-elevated file:px-3 file:py-1.5 file:text-sm file:font-semibold file:text-fg hover:file:bg-sunken"
          data-testid="backup-file"
        />
      </Field>
      <div className="mt-3" aria-live="polite">
        {stage.kind === "checking" ? <p className="text-sm text-muted" data-testid="backup-checking">{t.checking}</p> : null}
        {stage.kind === "refused" ? (
          <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm leading-relaxed text-fg" data-testid="backup-refused" data-reason={stage.refusal.reason}>
            <p>{format(t.refused[stage.refusal.reason], { size: formatBytes(stage.size, locale), detail: stage.refusal.detail })}</p>
            <p className="mt-1 text-muted">{t.unchanged}</p>
          </div>
        ) : null}
        {stage.kind === "ready" ? <BackupSummary plan={stage.plan} saved={stage.saved} owner={owner} replace={replace} onReplace={setReplace} onLoad={load} /> : null}
        {stage.kind === "loading" ? <p className="text-sm text-muted">{t.loading}</p> : null}
        {stage.kind === "loaded" ? (
          <p className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm text-fg" data-testid="backup-loaded">
            {stage.machine ? t.loadedMachine : t.loaded}
          </p>
        ) : null}
        {stage.kind === "failed" ? (
          <p role="alert" className="rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-fg" data-testid="backup-load-error">
            {stage.message}
          </p>
        ) : null}
      </div>
    </section>
  );

}

function BackupSummary({
  plan,
  saved,
  owner,
  replace,
  onReplace,
  onLoad,
}: {
  plan: BackupPlan;
  saved: string | null;
  owner: boolean;
  replace: boolean;
  onReplace(on: boolean): void;
  onLoad(plan: BackupPlan, machine: boolean): void;
}) {
  const t = usePersistenceMessages().backup;
  const locale = useLocale();
  const date = useDate();
  const size = progressSize(plan.progress);
  const canReplace = !!plan.machine && plan.machineUsable && owner;
  const withMachine = canReplace && replace;
  return (
    <div className="rounded-md border border-line bg-sunken px-3 py-2.5 text-sm leading-relaxed" data-testid="backup-summary">
      <p className="text-fg">{format(t.made, { date: date(plan.exportedAt) })}</p>
      <p className="text-muted">{format(t.holdsProgress, { n: size.exercises, lessons: size.lessons })}</p>
      <p className="text-muted">
        {plan.machine ? format(t.holdsMachine, { date: date(plan.machine.info.savedAt), size: formatBytes(plan.machine.info.storedSize, locale) }) : t.holdsNoMachine}
      </p>
      {plan.machine && !plan.machineUsable ? (
        <p className="mt-1.5 text-fg" data-testid="backup-other-image">
          {t.otherImage}
        </p>
      ) : null}
      {plan.machine && plan.machineUsable && !owner ? <p className="mt-1.5 text-fg">{t.elsewhere}</p> : null}
      {canReplace ? (
        <Checkbox
          checked={replace}
          onChange={onReplace}
          label={t.replaceMachine}
          note={saved && replace ? format(t.replaceNote, { date: date(saved) }) : null}
          testId="backup-replace-machine"
        />
      ) : null}
      <div className="mt-2.5 text-right">
        <button type="button" className="btn btn-primary btn-sm" onClick={() => onLoad(plan, withMachine)} data-testid="backup-load">
          {withMachine || !plan.machine ? t.load : t.loadProgressOnly}
        </button>
      </div>
    </div>
  );
}

function Checkbox({
  checked,
  onChange,
  label,
  note,
  testId,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
  note: string | null;
  testId: string;
}) {
  return (
    <label className="mt-3 flex cursor-pointer gap-3 text-sm">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--accent)]"
        data-testid={testId}
      />
      <span>
        <span className="block font-medium text-fg">{label}</span>
        {note ? <span className="mt-0.5 block leading-relaxed text-muted">{note}</span> : null}
      </span>
    </label>
  );
}
