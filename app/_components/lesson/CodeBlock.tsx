"use client";
// A fenced code block in the lesson: commands get a Run button (types them into the terminal,
// each line followed by Enter) and a Copy button; `text` blocks are shown as terminal output.

import { useEffect, useRef, useState } from "react";
import { format } from "@/app/_lib/i18n";
import { useObservable, useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { useKeyboardScrollable } from "@/app/_components/ui/use-keyboard-scrollable";
import { useShowTerminal } from "./LessonPanes";
import { useLessonMessages } from "./useLessonMessages";

export type CodeKind = "command" | "output" | "code";

export function CodeBlock({ text, kind, runnable }: { text: string; kind: CodeKind; runnable: boolean }) {
  const t = useLessonMessages().code;
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const busy = useObservable(sandbox?.busy, false);
  const [copied, setCopied] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const showTerminal = useShowTerminal();
  useKeyboardScrollable(pre);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  const ready = status === "ready";
  const canRun = runnable && ready && !busy && !!sandbox;
  const command = text.replace(/\n+$/, "");
  const run = () => {
    if (!canRun || !sandbox) return;
    const lines = command.split("\n").filter((l) => l.trim() !== "");
    sandbox.sendInput(lines.join("\r") + "\r");
    showTerminal?.(); // on a phone, where the command runs
  };
  const copy = () => {
    navigator.clipboard?.writeText(command).then(
      () => setCopied(true),
      () => undefined,
    );
  };

  if (kind === "output") {
    return (
      <figure className="group mt-[-0.25rem] mb-5 overflow-hidden rounded-lg border border-line bg-sunken">
        <figcaption className="flex items-center gap-2 border-b border-line px-3 py-1 text-[0.6875rem] font-semibold uppercase tracking-wider text-subtle">
          <svg viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
            <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
            <path d="M4 6l2 2-2 2M8 10h4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t.output}
        </figcaption>
        <pre ref={pre} className="overflow-x-auto px-4 py-3 font-mono text-[0.8125rem] leading-relaxed text-muted">
          <code>{command}</code>
        </pre>
      </figure>
    );
  }

  const runTitle = !ready ? t.runStarting : busy ? t.runBusy : format(t.runLabel, { command });
  return (
    <figure className="group my-4 overflow-hidden rounded-lg border border-[#1e2a44] bg-term shadow-sm">
      <div className="flex items-stretch">
        <pre ref={pre} className="min-w-0 flex-1 overflow-x-auto px-4 py-3 font-mono text-[0.8125rem] leading-relaxed text-slate-100">
          <code>
            {command.split("\n").map((line, i) => (
              <span key={i} className="block">
                {kind === "command" && line.trim() !== "" ? (
                  <span className="mr-2 select-none text-emerald-400/80" aria-hidden="true">
                    $
                  </span>
                ) : null}
                {line}
              </span>
            ))}
          </code>
        </pre>
        <div className="flex shrink-0 items-start gap-1 p-2">
          <button
            type="button"
            onClick={copy}
            className="rounded-md px-2 py-1 text-[0.75rem] font-medium text-slate-400 opacity-0 transition hover:bg-white/10 hover:text-slate-100 focus-visible:opacity-100 group-hover:opacity-100"
            aria-label={t.copy}
          >
            {copied ? t.copied : t.copy}
          </button>
          {runnable ? (
            <button
              type="button"
              data-testid="run-button"
              onClick={run}
              disabled={!canRun}
              title={runTitle}
              aria-label={format(t.runLabel, { command })}
              className="inline-flex items-center gap-1.5 rounded-md bg-emerald-500 px-2.5 py-1 text-[0.75rem] font-semibold text-emerald-950 shadow-sm transition hover:bg-emerald-400 disabled:cursor-not-allowed disabled:bg-slate-600 disabled:text-slate-300"
            >
              <svg viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor" aria-hidden="true">
                <path d="M4 2.5v11l9-5.5z" />
              </svg>
              {t.run}
            </button>
          ) : null}
        </div>
      </div>
    </figure>
  );
}
