"use client";
// "Embed" on an exercise: a dialog that builds the <iframe> snippet for /embed/<lesson>/<exercise>/
// (language, theme, the host page's origin) and copies it. The origin typed last is remembered,
// since an instructor usually embeds several exercises into the same LMS.

import { useEffect, useId, useMemo, useState } from "react";
import { format, type Locale } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { EMBED_THEMES, normalizeOrigin, type EmbedTheme } from "@/app/_lib/embed/params";
import { embedUrl, iframeSnippet } from "@/app/_lib/embed/snippet";
import { controlClass, Field, readOnlyControlClass } from "@/app/_components/ui/Field";
import { CopyLabel, useCopy } from "@/app/_components/ui/use-copy";
import { ModalDialog } from "@/app/_components/ui/ModalDialog";
import { useLessonState } from "./LessonState";
import { useLessonMessages } from "./useLessonMessages";

const ORIGIN_KEY = "dbl:embed-origin";

export function EmbedButton({ exerciseId, exerciseTitle }: { exerciseId: string; exerciseTitle: string }) {
  const t = useLessonMessages().embed;
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        className="ml-auto inline-flex items-center gap-1 self-center rounded-md px-1.5 py-0.5 text-xs font-medium text-subtle transition-colors hover:bg-sunken hover:text-fg"
        aria-label={format(t.buttonLabel, { title: exerciseTitle })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="embed-button"
      >
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {t.button}
      </button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        titleId={`embed-title-${exerciseId}`}
        title={t.title}
        subtitle={exerciseTitle}
        testId="embed-dialog"
      >
        <EmbedForm exerciseId={exerciseId} exerciseTitle={exerciseTitle} />
      </ModalDialog>
    </>
  );
}

function EmbedForm({ exerciseId, exerciseTitle }: { exerciseId: string; exerciseTitle: string }) {
  const t = useLessonMessages().embed;
  const pageLocale = useLocale();
  const { slug } = useLessonState();
  const ids = useId();
  const [locale, setLocale] = useState<Locale>(pageLocale);
  const [theme, setTheme] = useState<EmbedTheme>("auto");
  const [origin, setOrigin] = useState("");

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
  const copy = useCopy(snippet);

  async function onCopy() {
    try {
      if (hostOrigin) localStorage.setItem(ORIGIN_KEY, hostOrigin);
    } catch {
      // not remembered; the copy still works
    }
    await copy.copy();
  }

  return (
    <>
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

      <Field
        id={`${ids}-origin`}
        label={t.origin}
        invalid={invalid}
        help={invalid ? t.originInvalid : hostOrigin ? t.originHelp : `${t.originHelp} ${t.originMissing}`}
      >
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
          className={controlClass(invalid)}
          data-testid="embed-origin"
        />
      </Field>

      <Field id={`${ids}-snippet`} label={t.snippet}>
        <textarea
          id={`${ids}-snippet`}
          readOnly
          rows={6}
          value={snippet}
          onFocus={(e) => e.currentTarget.select()}
          className={readOnlyControlClass + " resize-none text-[0.75rem] break-all"}
          data-testid="embed-snippet"
        />
      </Field>

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
          {copy.state === "failed" ? <span className="text-xs text-danger">{t.copyFailed}</span> : null}
        </span>
        <a href={embedUrl(target)} target="_blank" rel="noopener" className="btn btn-secondary btn-sm" data-testid="embed-preview">
          {t.preview}
        </a>
        <button type="button" className="btn btn-primary btn-sm min-w-[8.5rem]" onClick={onCopy} data-testid="embed-copy">
          <CopyLabel state={copy.state} copy={t.copy} copied={t.copied} />
        </button>
      </div>
    </>
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
