"use client";
import { useRef, useState } from "react";
import { useMessages } from "@/app/_lib/i18n/client";

/** "Reset" with a confirmation dialog (native <dialog>: focus trap and Escape for free). */
export function ResetButton({ disabled, onReset }: { disabled: boolean; onReset(): Promise<void> }) {
  const t = useMessages().terminal;
  const dialog = useRef<HTMLDialogElement>(null);
  const [resetting, setResetting] = useState(false);

  async function confirm() {
    dialog.current?.close();
    setResetting(true);
    try {
      await onReset();
    } catch {
      // The sandbox reports failures through its status/error; the pane shows them.
    } finally {
      setResetting(false);
    }
  }

  return (
    <>
      <button
        type="button"
        disabled={disabled || resetting}
        onClick={() => dialog.current?.showModal()}
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
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-line bg-elevated p-0 text-fg shadow-xl backdrop:bg-slate-950/50"
        data-testid="reset-dialog"
      >
        <form method="dialog" className="p-6">
          <h2 id="dbl-reset-title" className="text-lg font-semibold">
            {t.resetTitle}
          </h2>
          <p className="mt-2 text-sm leading-relaxed text-muted">{t.resetBody}</p>
          <div className="mt-6 flex justify-end gap-3">
            <button type="submit" value="cancel" className="btn btn-secondary btn-sm" autoFocus>
              {t.cancel}
            </button>
            <button type="button" className="btn btn-danger btn-sm" onClick={confirm} data-testid="reset-confirm">
              {t.resetConfirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
