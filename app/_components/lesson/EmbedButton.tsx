"use client";
// "Embed" on an exercise: a dialog that builds the <iframe> snippet for /embed/<lesson>/<exercise>/
// (language, theme, the host page's origin) and copies it. The origin typed last is remembered,
// since an instructor usually embeds several exercises into the same LMS.

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { format, type Locale } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { EMBED_THEMES, normalizeOrigin, type EmbedTheme } from "@/app/_lib/embed/params";
import { embedUrl, iframeSnippet } from "@/app/_lib/embed/snippet";
import { copyText } from "@/app/_components/terminal/clipboard";
import { useLessonState } from "./LessonState";
import { useLessonMessages } from "./useLessonMessages";

const ORIGIN_KEY = "dbl:embed-origin";

export function EmbedButton({ exerciseId, exerciseTitle }: { exerciseId: string; exerciseTitle: string }) {
  const t = useLessonMessages().embed;
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        className="ml-auto inline-flex items-center gap-1 self-center rounded-md px-1.5 py-0.5 text-xs font-medium text-subtle transition-colors hover:bg-sunken hover:text-fg"
        aria-label={format(t.buttonLabel, { title: exerciseTitle })}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        data-testid="embed-button"
      >
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {t.button}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`embed-title-${exerciseId}`}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-line bg-elevated p-0 text-fg shadow-xl backdrop:bg-slate-950/50"
        data-testid="embed-dialog"
      >
        {open ? (
          <EmbedForm exerciseId={exerciseId} exerciseTitle={exerciseTitle} onClose={() => dialog.current?.close()} />
        ) : null}
      </dialog>
    </>
  );
}

function EmbedForm({ exerciseId, exerciseTitle, onClose }: { exerciseId: string; exerciseTitle: string; onClose(): void }) {
  const t = useLessonMessages().embed;
  const pageLocale = useLocale();
  const { slug } = useLessonState();
  const ids = useId();
  const [locale, setLocale] = useState<Locale>(pageLocale);
  const [theme, setTheme] = useState<EmbedTheme>("auto");
  const [origin, setOrigin] = useState("");
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    try {
      setOrigin(localStorage.getItem(ORIGIN_KEY) ?? "");
    } catch {
      // storage disabled: start empty
    }
  }, []);

  const hostOrigin = normalizeOrigin(origin);
  const invalid = origin.trim() !== "" && hostOrigin === null;
  const target = useMemo(
    () => ({ siteOrigin: window.location.origin, lesson: slug, exercise: exerciseId, locale, theme, hostOrigin }),
    [slug, exerciseId, locale, theme, hostOrigin],
  );
  const snippet = iframeSnippet(target, format(t.frameTitle, { title: exerciseTitle }));

  useEffect(() => setCopy("idle"), [snippet]);

  async function onCopy() {
    try {
      if (hostOrigin) localStorage.setItem(ORIGIN_KEY, hostOrigin);
    } catch {
      // not remembered; the copy still works
    }
    setCopy((await copyText(snippet)) ? "copied" : "failed");
  }

  return (
    <div className="p-6">
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <h2 id={`embed-title-${exerciseId}`} className="text-lg font-semibold">
            {t.title}
          </h2>
          <p className="mt-0.5 truncate text-sm font-medium text-accent-text">{exerciseTitle}</p>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label={t.close}
          className="-mt-1 -mr-2 rounded-md p-1.5 text-subtle hover:bg-sunken hover:text-fg"
        >
          <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <p className="mt-3 text-sm leading-relaxed text-muted">{t.lead}</p>

      <div className="mt-5 grid gap-4 sm:grid-cols-2">
        <Segmented
          label={t.language}
          value={locale}
          options={[
            { id: "en", label: "English" },
            { id: "zh", label: "中文" },
          ]}
          onChange={(v) => setLocale(v as Locale)}
          name={`${ids}-lang`}
          testId="embed-lang"
        />
        <Segmented
          label={t.theme}
          value={theme}
          options={EMBED_THEMES.map((id) => ({ id, label: t.themes[id] }))}
          onChange={(v) => setTheme(v as EmbedTheme)}
          name={`${ids}-theme`}
          testId="embed-theme"
        />
      </div>

      <div className="mt-4">
        <label htmlFor={`${ids}-origin`} className="text-xs font-semibold text-fg">
          {t.origin}
        </label>
        <input
          id={`${ids}-origin`}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="url"
          placeholder={t.originPlaceholder}
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={`${ids}-origin-help`}
          className={`mt-1.5 block w-full rounded-lg border bg-bg px-3 py-2 font-mono text-sm text-fg outline-none placeholder:text-subtle focus:ring-2 focus:ring-ring ${
            invalid ? "border-danger" : "border-line-strong"
          }`}
          data-testid="embed-origin"
        />
        <p id={`${ids}-origin-help`} className={`mt-1.5 text-xs leading-relaxed ${invalid ? "text-danger" : "text-subtle"}`}>
          {invalid ? t.originInvalid : hostOrigin ? t.originHelp : `${t.originHelp} ${t.originMissing}`}
        </p>
      </div>

      <div className="mt-4">
        <label htmlFor={`${ids}-snippet`} className="text-xs font-semibold text-fg">
          {t.snippet}
        </label>
        <textarea
          id={`${ids}-snippet`}
          readOnly
          rows={6}
          value={snippet}
          onFocus={(e) => e.currentTarget.select()}
          className="mt-1.5 block w-full resize-none rounded-lg border border-line bg-sunken px-3 py-2 font-mono text-[0.75rem] leading-5 break-all text-fg outline-none focus:ring-2 focus:ring-ring"
          data-testid="embed-snippet"
        />
      </div>

      <div className="mt-5 flex flex-wrap items-center gap-3">
        <a
          href={`/${pageLocale}/docs/embed/`}
          target="_blank"
          rel="noopener"
          className="text-sm font-medium text-accent-text underline-offset-2 hover:underline"
        >
          {t.docs}
        </a>
        <span className="ml-auto" role="status" aria-live="polite">
          {copy === "failed" ? <span className="text-xs text-danger">{t.copyFailed}</span> : null}
        </span>
        <a href={embedUrl(target)} target="_blank" rel="noopener" className="btn btn-secondary btn-sm" data-testid="embed-preview">
          {t.preview}
        </a>
        <button type="button" className="btn btn-primary btn-sm min-w-[8.5rem]" onClick={onCopy} data-testid="embed-copy">
          {copy === "copied" ? (
            <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
              <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          ) : null}
          {copy === "copied" ? t.copied : t.copy}
        </button>
      </div>
    </div>
  );
}

function Segmented({
  label,
  value,
  options,
  onChange,
  name,
  testId,
}: {
  label: string;
  value: string;
  options: Array<{ id: string; label: string }>;
  onChange(id: string): void;
  name: string;
  testId: string;
}) {
  return (
    <fieldset>
      <legend className="text-xs font-semibold text-fg">{label}</legend>
      <div className="mt-1.5 flex rounded-lg border border-line-strong bg-bg p-0.5">
        {options.map((o) => (
          <label
            key={o.id}
            className={`flex-1 cursor-pointer rounded-md px-2 py-1.5 text-center text-sm font-medium transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring ${
              value === o.id ? "bg-accent text-accent-fg shadow-sm" : "text-muted hover:text-fg"
            }`}
          >
            <input
              type="radio"
              className="sr-only"
              name={name}
              value={o.id}
              checked={value === o.id}
              onChange={() => onChange(o.id)}
              data-testid={`${testId}-${o.id}`}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
