"use client";
// The commands a link prepared (?run=, app/_lib/share/run-link.ts), shown above the terminal as
// text and typed into it only when the learner presses Run: nothing runs from an address. A link
// whose commands a link may not carry is refused with a sentence that says why.

import { useEffect, useState } from "react";
import { format, formatNumber } from "@/app/_lib/i18n";
import { useLocale, useMessages } from "@/app/_lib/i18n/client";
import { MAX_RUN_CHARS, MAX_RUN_LINES, preparedCommandsOf, RUN_PARAM, typedCommands, type PreparedCommands as Prepared } from "@/app/_lib/share/run-link";
import { useObservable, useSandbox } from "./SandboxProvider";

export function PreparedCommands({ onRun, className = "" }: { onRun?: () => void; className?: string }) {
  const t = useMessages().prepared;
  const locale = useLocale();
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const busy = useObservable(sandbox?.busy, false);
  const [prepared, setPrepared] = useState<Prepared>({ kind: "none" });
  const [runs, setRuns] = useState(0);
  useEffect(() => setPrepared(preparedCommandsOf(window.location.search)), []);

  if (prepared.kind === "none") return null;

  const dismiss = () => {
    // The address no longer prepares them: a reload shows the page as it is.
    const url = new URL(window.location.href);
    url.searchParams.delete(RUN_PARAM);
    window.history.replaceState(window.history.state, "", url.href);
    setPrepared({ kind: "none" });
  };
  const frame = "rounded-xl border p-4 text-sm shadow-sm " + className;

  if (prepared.kind !== "commands") {
    const reason =
      prepared.kind === "too-long"
        ? format(t.tooLong, { chars: formatNumber(prepared.chars, locale), max: formatNumber(MAX_RUN_CHARS, locale) })
        : prepared.kind === "too-many-lines"
          ? format(t.tooManyLines, { lines: prepared.lines, max: MAX_RUN_LINES })
          : format(t.control, { line: prepared.line, codePoint: prepared.codePoint });
    return (
      <section aria-labelledby="prepared-title" className={frame + " flex items-start gap-3 border-amber-500/40 bg-amber-500/10"} data-testid="prepared-refused" data-reason={prepared.kind}>
        <div className="min-w-0 flex-1" role="alert">
          <h2 id="prepared-title" className="font-semibold text-fg">
            {t.refusedTitle}
          </h2>
          <p className="mt-1 leading-relaxed text-fg">{reason}</p>
          <p className="mt-1 leading-relaxed text-muted">{t.refusedNext}</p>
        </div>
        <button type="button" className="btn btn-secondary btn-sm shrink-0" onClick={dismiss} data-testid="prepared-dismiss">
          {t.dismiss}
        </button>
      </section>
    );
  }

  const { commands } = prepared;
  const ready = status === "ready";
  const canRun = ready && !busy && !!sandbox;
  const run = () => {
    if (!canRun || !sandbox) return;
    sandbox.sendInput(typedCommands(commands));
    setRuns((n) => n + 1);
    onRun?.();
  };
  const runLabel = runs > 0 ? t.runAgain : commands.length === 1 ? t.runOne : format(t.runMany, { n: commands.length });

  return (
    <section aria-labelledby="prepared-title" className={frame + " border-accent/40 bg-accent-soft"} data-testid="prepared-commands">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h2 id="prepared-title" className="font-semibold text-fg">
          {t.title}
        </h2>
        <span className="text-xs text-muted">{t.from}</span>
      </div>
      {runs === 0 ? (
        <>
          <p className="mt-1 leading-relaxed text-muted">{t.lead}</p>
          <ol className="mt-3 space-y-1 rounded-lg bg-term px-3 py-2.5 font-mono text-[0.8125rem] leading-5 text-slate-100" aria-label={t.listLabel}>
            {commands.map((command, i) => (
              <li key={i} className="flex gap-2 break-all">
                <span className="select-none text-emerald-400/80" aria-hidden="true">
                  $
                </span>
                <span className="min-w-0 whitespace-pre-wrap" data-testid="prepared-command">
                  {command}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <div className={(runs === 0 ? "mt-3" : "mt-2") + " flex flex-wrap items-center justify-end gap-2"}>
        <p className="mr-auto text-xs text-muted" role="status">
          {runs > 0 ? t.sent : !ready ? t.starting : busy ? t.busy : ""}
        </p>
        <button type="button" className="btn btn-secondary btn-sm" onClick={dismiss} data-testid="prepared-dismiss">
          {t.dismiss}
        </button>
        <button type="button" className="btn btn-primary btn-sm" onClick={run} disabled={!canRun} data-testid="prepared-run">
          <svg viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor" aria-hidden="true">
            <path d="M4 2.5v11l9-5.5z" />
          </svg>
          {runLabel}
        </button>
      </div>
    </section>
  );
}
