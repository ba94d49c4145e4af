"use client";
// A modal dialog on the platform's <dialog>: showModal() traps the focus inside and closes on Esc;
// the page's content stays inert behind it. A title, an optional line under it, a close button,
// and the body, rendered only while open (so each opening starts fresh).

import { useEffect, useRef, type ReactNode } from "react";
import { useMessages } from "@/app/_lib/i18n/client";

export function ModalDialog({
  open,
  onClose,
  titleId,
  title,
  subtitle,
  testId,
  width = "36rem",
  children,
}: {
  open: boolean;
  onClose(): void;
  titleId: string;
  title: ReactNode;
  subtitle?: ReactNode;
  testId?: string;
  width?: string;
  children: ReactNode;
}) {
  const t = useMessages().dialog;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      style={{ width: `min(${width}, calc(100vw - 2rem))` }}
      className="m-auto max-h-[calc(100dvh-2rem)] rounded-xl border border-line bg-elevated p-0 text-base text-fg shadow-xl backdrop:bg-slate-950/50"
      data-testid={testId}
    >
      {open ? (
        <div className="p-5 sm:p-6">
          <div className="flex items-start gap-4">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {subtitle ? <p className="mt-0.5 truncate text-sm font-medium text-accent-text">{subtitle}</p> : null}
            </div>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              aria-label={t.close}
              className="-mt-1 -mr-2 rounded-md p-1.5 text-subtle hover:bg-sunken hover:text-fg"
              data-testid={testId ? `${testId}-close` : undefined}
            >
              <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
