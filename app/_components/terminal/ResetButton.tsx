"use client";
import { useRef, useState } from "react";
import { useMessages } from "@/app/_lib/i18n/client";
import { usePersistenceMessages } from "@/app/_components/persistence/usePersistenceMessages";
import { usePersistenceView } from "@/app/_components/persistence/PersistentSandboxProvider";
import { format, formatBytes } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";

export type ResetChoice = "machine" | "progress" | "everything";

/**
 * "Reset" with a confirmation dialog (native <dialog>: focus trap and Escape for free). With
 * `choices`, the learner picks what to reset: the machine, the lesson progress, or everything.
 */
export function ResetButton({
  disabled,
  onReset,
  choices = false,
}: {
  disabled: boolean;
  onReset(choice: ResetChoice): Promise<void>;
  choices?: boolean;
}) {
  const t = useMessages().terminal;
  const pm = usePersistenceMessages();
  const p = pm.reset;
  const usage = usePersistenceView()?.usage ?? null;
  const locale = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const [resetting, setResetting] = useState(false);
  const [choice, setChoice] = useState<ResetChoice>("machine");

  async function confirm() {
    dialog.current?.close();
    setResetting(true);
    try {
      await onReset(choices ? choice : "machine");
    } catch {
      // The sandbox reports failures through its status/error; the pane shows them.
    } finally {
      setResetting(false);
    }
  }

  const options: Array<{ id: ResetChoice; label: string; note: string }> = [
    { id: "machine", label: p.machine, note: p.machineNote },
    { id: "progress", label: p.progress, note: p.progressNote },
    { id: "everything", label: p.everything, note: p.everythingNote },
  ];

  return (
    <>
      <button
        type="button"
        disabled={disabled || resetting}
        onClick={() => {
          setChoice("machine");
          dialog.current?.showModal();
        }}
        className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-slate-300 transition-colors hover:bg-white/10 hover:text-white disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent"
        data-testid="reset-button"
      >
        <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
          <path d="M3 3v5h5" />
        </svg>
        {resetting ? t.resetting : t.reset}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="dbl-reset-title"
        className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-line bg-elevated p-0 text-fg shadow-xl backdrop:bg-slate-950/50"
        data-testid="reset-dialog"
      >
        <form method="dialog" className="p-6">
          <h2 id="dbl-reset-title" className="text-lg font-semibold">
            {choices ? p.title : t.resetTitle}
          </h2>
          {choices ? (
            <fieldset className="mt-4 space-y-2">
              <legend className="sr-only">{p.title}</legend>
              {options.map((o) => (
                <label
                  key={o.id}
                  className={
                    "flex cursor-pointer gap-3 rounded-lg border px-3.5 py-3 transition-colors " +
                    (choice === o.id ? "border-accent bg-accent-soft" : "border-line hover:border-line-strong")
                  }
                >
                  <input
                    type="radio"
                    name="dbl-reset-choice"
                    value={o.id}
                    checked={choice === o.id}
                    onChange={() => setChoice(o.id)}
                    className="mt-1 accent-[var(--accent)]"
                    data-testid={`reset-choice-${o.id}`}
                  />
                  <span>
                    <span className="block text-sm font-semibold">{o.label}</span>
                    <span className="mt-0.5 block text-sm leading-relaxed text-muted">{o.note}</span>
                  </span>
                </label>
              ))}
              {usage && (
                <p className="pt-1 text-xs text-subtle" data-testid="storage-used">
                  {format(pm.save.usedOf, { used: formatBytes(usage.usage, locale), quota: formatBytes(usage.quota, locale) })}
                </p>
              )}
            </fieldset>
          ) : (
            <p className="mt-2 text-sm leading-relaxed text-muted">{t.resetBody}</p>
          )}
          <div className="mt-6 flex justify-end gap-3">
            <button type="submit" value="cancel" className="btn btn-secondary btn-sm" autoFocus>
              {t.cancel}
            </button>
            <button type="button" className="btn btn-danger btn-sm" onClick={confirm} data-testid="reset-confirm">
              {choices ? p.confirm : t.resetConfirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
