"use client";
// What the terminal area shows before the machine is ready, and when it fails.
// Both sit on the terminal's dark surface so the hand-over to the terminal is calm.
//
// Nothing on the boot screen moves by itself: a looping CSS animation has the browser composite a
// frame 60 times a second, CPU the emulator needs while it restores (docs/performance.md). It
// shows that it is alive by what changes: the bytes and the time left, the step, and the seconds
// the current step has taken.

import type { SandboxProgress, SandboxStatus } from "@/emulator/browser";
import { format, formatBytes } from "@/app/_lib/i18n";
import { useLocale, useMessages } from "@/app/_lib/i18n/client";
import { useSecondsSince } from "@/app/_components/ui/use-seconds-since";
import { useDownloadSecondsLeft } from "./download-time-left";

const steps = ["downloading", "restoring", "starting-docker"] as const;
type Step = (typeof steps)[number];

function stepIndex(status: SandboxStatus): number {
  if (status === "idle") return -1;
  if (status === "booting") return 1; // booting takes the place of restoring
  return steps.indexOf(status as Step);
}

export function BootScreen({ status, progress }: { status: SandboxStatus; progress: SandboxProgress | null }) {
  const locale = useLocale();
  const t = useMessages().sandbox;
  const current = stepIndex(status);
  const phaseProgress = progress && progress.phase === status ? progress : null;
  const total = phaseProgress?.total ?? 0;
  const loaded = phaseProgress?.loaded ?? 0;
  const fraction = total > 0 ? Math.min(1, loaded / total) : null;
  const label =
    status === "idle" ? t.boot.waiting : t.status[status];
  const seconds = useSecondsSince(status);
  const secondsLeft = useDownloadSecondsLeft(loaded, total, status === "downloading");
  // The bar shows the whole start: each step a third, the download filling its own by bytes.
  const overall = (Math.max(0, current) + (fraction ?? 0)) / steps.length;

  return (
    <div className="flex h-full w-full items-center justify-center overflow-auto bg-term p-6 text-slate-200" data-testid="boot-screen">
      <div className="w-full max-w-md">
        <h2 className="text-lg font-semibold text-white">{t.boot.title}</h2>
        <p className="mt-1 text-sm leading-relaxed text-slate-400">{t.boot.lead}</p>

        <div className="mt-6" aria-live="polite">
          <div className="flex items-baseline justify-between gap-4 text-sm">
            <span className="font-medium text-slate-100">{label}</span>
            <span className="font-mono text-xs tabular-nums text-slate-400" data-testid="boot-detail">
              {phaseProgress && loaded > 0
                ? total > 0
                  ? format(t.boot.bytes, { loaded: formatBytes(loaded, locale), total: formatBytes(total, locale) }) +
                    (secondsLeft === null ? "" : ` · ${format(t.boot.timeLeft, { seconds: secondsLeft })}`)
                  : format(t.boot.bytesUnknown, { loaded: formatBytes(loaded, locale) })
                : seconds > 0 && format(t.boot.elapsed, { seconds })}
            </span>
          </div>
          <div
            className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-800"
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(overall * 100)}
          >
            <div className="h-full rounded-full bg-blue-400" style={{ width: `${Math.max(2, overall * 100)}%` }} />
          </div>
        </div>

        <ol className="mt-6 space-y-2.5 text-sm">
          {steps.map((step, i) => {
            const state = i < current ? "done" : i === current ? "active" : "todo";
            return (
              <li key={step} className="flex items-center gap-3" aria-current={state === "active" ? "step" : undefined}>
                <span
                  className={
                    "flex h-5 w-5 shrink-0 items-center justify-center rounded-full border text-[0.625rem] " +
                    (state === "done"
                      ? "border-emerald-400 bg-emerald-400 text-slate-900"
                      : state === "active"
                        ? "border-blue-400 text-blue-300"
                        : "border-slate-600 text-slate-400")
                  }
                  aria-hidden="true"
                >
                  {state === "done" ? (
                    <svg viewBox="0 0 12 12" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="2">
                      <path d="M2.5 6.5l2.2 2.2 4.8-5" />
                    </svg>
                  ) : state === "active" ? (
                    <span className="h-2 w-2 rounded-full bg-blue-400" />
                  ) : null}
                </span>
                <span className={state === "todo" ? "text-slate-400" : state === "active" ? "text-white" : "text-slate-300"}>
                  {t.boot.steps[step]}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}

export function ErrorScreen({
  status,
  reason,
  onRestart,
  onColdBoot,
}: {
  status: SandboxStatus | null;
  reason: string | null;
  onRestart(): void;
  onColdBoot(): void;
}) {
  const t = useMessages().sandbox.error;
  const title = status === "crashed" ? t.crashedTitle : status === "destroyed" ? t.destroyedTitle : t.title;
  return (
    <div className="flex h-full w-full items-center justify-center overflow-auto bg-term p-6 text-slate-200" data-testid="sandbox-error" role="alert">
      <div className="w-full max-w-lg">
        <div className="flex items-start gap-4">
          <span className="mt-0.5 flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-amber-400/15 text-amber-300" aria-hidden="true">
            <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M12 9v4M12 17h.01" />
              <path d="M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
            </svg>
          </span>
          <div className="min-w-0">
            <h2 className="text-lg font-semibold text-white">{title}</h2>
            <p className="mt-3 rounded-md border border-amber-300/20 bg-amber-300/10 px-3 py-2 text-sm leading-relaxed break-words text-amber-100" data-testid="sandbox-error-reason">
              <span className="font-semibold">{t.reason}</span>
              {reason ?? t.unknown}
            </p>
            <p className="mt-3 text-sm leading-relaxed text-slate-300">{t.body}</p>
            <p className="mt-2 text-sm leading-relaxed text-slate-400">{t.options}</p>
            <div className="mt-5 flex flex-wrap gap-3">
              <button type="button" className="btn btn-sm bg-blue-500 text-slate-950 hover:bg-blue-400" onClick={onRestart} data-testid="sandbox-restart">
                {t.restart}
              </button>
              <button
                type="button"
                className="btn btn-sm border border-slate-500 text-slate-100 hover:border-slate-300 hover:bg-slate-800"
                onClick={onColdBoot}
                data-testid="sandbox-cold-boot"
              >
                {t.coldBoot}
              </button>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
