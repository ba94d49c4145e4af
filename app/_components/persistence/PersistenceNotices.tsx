"use client";
// What the terminal area says about the saved machine: another tab has it (with "Use it here"),
// a saved machine that cannot be resumed (with its download), a full storage, a disk part that
// is missing offline.

import { useEffect, useState } from "react";
import { format, formatBytes, htmlLang } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { usePersistence, usePersistenceView } from "./PersistentSandboxProvider";
import { usePersistenceMessages } from "./usePersistenceMessages";

export function PersistenceNotices() {
  const controller = usePersistence();
  const view = usePersistenceView();
  const t = usePersistenceMessages();
  const locale = useLocale();
  const [download, setDownload] = useState<{ url: string; fileName: string } | null>(null);
  const [errorDismissed, setErrorDismissed] = useState<number | null>(null);

  const archived = view?.archived ?? null;
  useEffect(() => {
    if (!controller || !archived) return;
    let url: string | null = null;
    let alive = true;
    controller
      .archivedDownload()
      .then((file) => {
        if (!alive || !file) return;
        url = URL.createObjectURL(file.blob);
        setDownload({ url, fileName: file.fileName });
      })
      .catch(() => {});
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
      setDownload(null);
    };
  }, [controller, archived]);

  if (!controller || !view) return null;
  const date = (iso: string) => new Date(iso).toLocaleString(htmlLang(locale), { dateStyle: "medium", timeStyle: "short" });
  const elsewhere = view.ownership === "elsewhere" || view.ownership === "taking-over" || view.ownership === "handing-over";
  const saveError = view.saveError && view.saveError.at !== errorDismissed ? view.saveError : null;

  return (
    <>
      {elsewhere && (
        <div className="absolute inset-0 z-30 flex items-center justify-center bg-term p-6 text-slate-200" data-testid="elsewhere" data-state={view.ownership}>
          <div className="w-full max-w-md" role="status" aria-live="polite">
            <svg viewBox="0 0 24 24" className="h-8 w-8 text-blue-300" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <rect x="3" y="5" width="13" height="10" rx="1.5" />
              <path d="M8 19h13V9" />
            </svg>
            <h2 className="mt-3 text-lg font-semibold text-white">{t.elsewhere.title}</h2>
            {view.ownership === "elsewhere" ? (
              <>
                <p className="mt-2 text-sm leading-relaxed text-slate-400">{t.elsewhere.body}</p>
                <button type="button" className="btn btn-primary btn-sm mt-5" onClick={() => void controller.useHere()} data-testid="use-here">
                  {t.elsewhere.useHere}
                </button>
              </>
            ) : (
              <p className="mt-2 flex items-center gap-2 text-sm text-slate-300">
                <span className="h-2 w-2 rounded-full bg-blue-400" aria-hidden="true" />
                {view.ownership === "taking-over" ? t.elsewhere.taking : t.elsewhere.handing}
              </p>
            )}
          </div>
        </div>
      )}
      <div className="pointer-events-none absolute inset-x-3 top-3 z-30 flex flex-col gap-2">
        {saveError && (
          <Banner tone="amber" testId={saveError.kind === "quota" ? "storage-full" : "save-error"} onDismiss={() => setErrorDismissed(saveError.at)} dismiss={t.save.dismiss}>
            {saveError.kind === "quota" ? (view.archived ? t.save.fullArchived : t.save.full) : format(t.save.failed, { error: saveError.message })}
          </Banner>
        )}
        {view.diskMissing && (
          <Banner tone="amber" testId="disk-missing">
            {t.offline.diskMissing}
          </Banner>
        )}
        {archived && (
          <Banner tone="blue" testId="archived" data-reason={archived.reason} onDismiss={() => controller.dismissArchived()} dismiss={t.archived.dismiss}>
            <p>
              {archived.reason === "other-image"
                ? format(t.archived.otherImage, { date: date(archived.savedAt) })
                : format(t.archived.damaged, { date: date(archived.savedAt), detail: archived.detail ? ` (${archived.detail})` : "" })}
            </p>
            <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {download && (
                <a href={download.url} download={download.fileName} className="font-semibold underline underline-offset-2" data-testid="archived-download">
                  {format(t.archived.download, { size: formatBytes(archived.size, locale) })}
                </a>
              )}
              <button type="button" className="font-semibold underline underline-offset-2" onClick={() => void controller.deleteArchived()} data-testid="archived-delete">
                {t.archived.delete}
              </button>
            </p>
          </Banner>
        )}
      </div>
    </>
  );
}

function Banner({
  tone,
  testId,
  children,
  onDismiss,
  dismiss,
  ...rest
}: {
  tone: "amber" | "blue";
  testId: string;
  children: React.ReactNode;
  onDismiss?: () => void;
  dismiss?: string;
  "data-reason"?: string;
}) {
  const colours = tone === "amber" ? "bg-amber-100 text-amber-950 ring-amber-300/60" : "bg-blue-50 text-blue-950 ring-blue-300/60";
  return (
    <div role="alert" className={"pointer-events-auto flex items-start gap-3 rounded-lg px-3.5 py-2.5 text-sm leading-relaxed shadow-lg ring-1 " + colours} data-testid={testId} {...rest}>
      <div className="min-w-0 flex-1">{children}</div>
      {onDismiss && (
        <button type="button" onClick={onDismiss} aria-label={dismiss} title={dismiss} className="-mr-1 shrink-0 rounded p-1 opacity-70 hover:bg-black/5 hover:opacity-100">
          <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      )}
    </div>
  );
}
