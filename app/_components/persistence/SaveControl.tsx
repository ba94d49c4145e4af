"use client";
// The terminal toolbar's Save button with when it was last saved and how much space the site uses.

import { useEffect, useState } from "react";
import { format, formatBytes, htmlLang } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { usePersistence, usePersistenceView } from "./PersistentSandboxProvider";
import { usePersistenceMessages } from "./usePersistenceMessages";

export function SaveControl({ disabled }: { disabled: boolean }) {
  const controller = usePersistence();
  const view = usePersistenceView();
  const t = usePersistenceMessages().save;
  const locale = useLocale();
  const [justSaved, setJustSaved] = useState(false);
  const lastAt = view?.lastSaved?.at;
  useEffect(() => {
    if (!lastAt) return;
    setJustSaved(true);
    const timer = window.setTimeout(() => setJustSaved(false), 2500);
    return () => window.clearTimeout(timer);
  }, [lastAt]);

  if (!controller || !view || view.ownership !== "owner") return null;

  const time = (iso: string) => new Date(iso).toLocaleTimeString(htmlLang(locale), { hour: "2-digit", minute: "2-digit" });
  const detail = [
    view.lastSaved ? format(t.savedAt, { time: time(view.lastSaved.at) }) : view.resumed === "saved" ? t.resumedSaved : t.notSaved,
    view.usage ? format(t.used, { used: formatBytes(view.usage.usage, locale) }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const title = [
    t.title,
    view.usage ? format(t.usedOf, { used: formatBytes(view.usage.usage, locale), quota: formatBytes(view.usage.quota, locale) }) : null,
    view.usage ? (view.usage.persisted ? t.persisted : t.notPersisted) : null,
  ]
    .filter(Boolean)
    .join("\n");

  return (
    <>
      <span className="hidden min-w-0 truncate text-slate-400 @3xl:inline" data-testid="save-detail" title={title}>
        {detail}
      </span>
      <button
        type="button"
        disabled={disabled || view.saving}
        onClick={() => void controller.save().catch(() => {})}
        title={title}
        aria-label={view.saving ? t.saving : t.button}
        className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-slate-300 transition-colors hover:bg-white/10 hover:text-white disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent"
        data-testid="save-button"
        data-state={view.saving ? "saving" : view.saveError ? "error" : view.lastSaved ? "saved" : "idle"}
      >
        {justSaved && !view.saving ? (
          <svg viewBox="0 0 24 24" className="h-4 w-4 text-emerald-400" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M5 12.5l4.5 4.5L19 7.5" />
          </svg>
        ) : (
          <svg viewBox="0 0 24 24" className={"h-4 w-4" + (view.saving ? " opacity-60" : "")} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M5 4h11l3 3v12a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4z" />
            <path d="M8 4v5h7V4M8 20v-6h8v6" />
          </svg>
        )}
        <span className="hidden @md:inline">{view.saving ? t.saving : justSaved ? t.saved : t.button}</span>
      </button>
    </>
  );
}
