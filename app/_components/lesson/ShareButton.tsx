"use client";
// "Share" on a lesson: a link to the lesson, with commands to prepare if the instructor adds them
// (a prepared setup: the learner sees them above the terminal and runs them with one click;
// app/_lib/share/run-link.ts). The commands are checked as the page that opens the link will
// check them, so a link that would be refused is never handed out.

import { useId, useState } from "react";
import { format, formatNumber } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { MAX_RUN_CHARS, MAX_RUN_LINES, parseCommands, runLinkUrl } from "@/app/_lib/share/run-link";
import { controlClass, Field, readOnlyControlClass } from "@/app/_components/ui/Field";
import { CopyLabel, useCopy } from "@/app/_components/ui/use-copy";
import { ModalDialog } from "@/app/_components/ui/ModalDialog";
import { useLessonMessages } from "./useLessonMessages";

export function ShareButton({ slug, title }: { slug: string; title: string }) {
  const t = useLessonMessages().share;
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary btn-sm"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="share-button"
      >
        <svg viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M8.5 11.5a3.5 3.5 0 0 0 5 0l2.5-2.5a3.5 3.5 0 0 0-5-5l-1 1" />
          <path d="M11.5 8.5a3.5 3.5 0 0 0-5 0L4 11a3.5 3.5 0 0 0 5 5l1-1" />
        </svg>
        {t.button}
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} titleId="share-title" title={t.title} subtitle={title} testId="share-dialog">
        <ShareForm slug={slug} />
      </ModalDialog>
    </>
  );
}

function ShareForm({ slug }: { slug: string }) {
  const t = useLessonMessages().share;
  const locale = useLocale();
  const ids = useId();
  const [text, setText] = useState("");
  const parsed = parseCommands(text);
  const problem =
    parsed.kind === "too-long"
      ? format(t.tooLong, { max: formatNumber(MAX_RUN_CHARS, locale) })
      : parsed.kind === "too-many-lines"
        ? format(t.tooManyLines, { max: MAX_RUN_LINES })
        : parsed.kind === "control-character"
          ? format(t.control, { line: parsed.line, codePoint: parsed.codePoint })
          : null;
  const link = problem ? "" : runLinkUrl(`${window.location.origin}/${locale}/learn/${slug}/`, parsed.kind === "commands" ? parsed.commands : []);
  const copy = useCopy(link);

  return (
    <>
      <p className="mt-3 text-sm leading-relaxed text-muted">{t.lead}</p>
      <Field id={`${ids}-commands`} label={t.commands} invalid={problem !== null} help={problem ?? t.help} helpTestId="share-help">
        <textarea
          id={`${ids}-commands`}
          rows={4}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          placeholder={t.placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${ids}-commands-help`}
          className={controlClass(problem !== null) + " resize-y"}
          data-testid="share-commands"
        />
      </Field>
      <Field id={`${ids}-link`} label={t.link}>
        <input id={`${ids}-link`} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className={readOnlyControlClass} data-testid="share-link" />
      </Field>
      <div className="mt-5 flex flex-wrap items-center justify-end gap-3">
        <span className="mr-auto" role="status" aria-live="polite">
          {copy.state === "failed" ? <span className="text-xs text-danger">{t.copyFailed}</span> : null}
        </span>
        <button type="button" className="btn btn-primary btn-sm min-w-[8rem]" onClick={() => void copy.copy()} disabled={problem !== null} data-testid="share-copy">
          <CopyLabel state={copy.state} copy={t.copy} copied={t.copied} />
        </button>
      </div>
    </>
  );
}
