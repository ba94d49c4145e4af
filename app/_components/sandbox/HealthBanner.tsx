"use client";
// What the terminal shows when the running machine is unwell (Sandbox.health): a quiet strip
// while Docker restarts by itself, and a banner with the ways back after a kernel panic, a halt
// or a machine that stopped answering. Restarting never reloads the page: it starts the same
// Sandbox again, from the last saved state (through persistence, when there is one) or clean.

import { useEffect, useState } from "react";
import type { Sandbox, SandboxHealth } from "@/emulator/browser";
import { format } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { getHealthMessages } from "@/app/_lib/i18n/messages/health";
import { useObservable } from "./SandboxProvider";

/** The part of persistence the banner uses (MachinePersistence satisfies it). */
export interface HealthRestarter {
  /** Resumes the last saved machine, or the clean one when nothing is saved. */
  start(sandbox: Sandbox): Promise<void>;
}

export interface HealthBannerProps {
  sandbox: Sandbox | null;
  /** Offers "Restart from last save" when given and something is saved. */
  persistence?: HealthRestarter | null;
  hasSave?: boolean;
  /** Called before a restart (e.g. to clear the terminal). */
  onRestart?: () => void;
}

export function HealthBanner({ sandbox, persistence = null, hasSave = false, onRestart }: HealthBannerProps) {
  const t = getHealthMessages(useLocale());
  const health = useObservable<SandboxHealth>(sandbox?.health, "ok");
  const [restarting, setRestarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (health === "ok") setFailure(null);
  }, [health]);

  if (!sandbox || health === "ok") return null;

  if (health === "docker-restarting") {
    return (
      // Said to screen readers by the terminal's live region (TerminalPane), not here.
      <div
        className="pointer-events-none absolute inset-x-0 top-0 z-20 flex items-start gap-3 border-b border-amber-300/30 bg-amber-950/90 px-4 py-2.5 text-amber-50"
        data-testid="health-banner"
        data-health={health}
      >
        <span className="mt-1 h-3 w-3 shrink-0 rounded-full border-2 border-amber-200 border-t-transparent" aria-hidden="true" />
        <p className="text-sm leading-snug">
          <strong className="font-semibold">{t.dockerRestarting.title}</strong>{" "}
          <span className="text-amber-100/90">{t.dockerRestarting.body}</span>
        </p>
      </div>
    );
  }

  const text = health === "panicked" ? t.panicked : health === "halted" ? t.halted : t.frozen;
  const restart = (fromSave: boolean) => {
    setRestarting(true);
    setFailure(null);
    onRestart?.();
    const run = fromSave && persistence ? persistence.start(sandbox) : sandbox.reset();
    run
      .catch((err: unknown) => setFailure(format(t.failed, { error: err instanceof Error ? err.message : String(err) })))
      .finally(() => setRestarting(false));
  };
  const canRestoreSave = !!persistence && hasSave;

  return (
    <div className="absolute inset-0 z-20 flex items-start justify-center bg-slate-950/55 p-4" data-testid="health-banner" data-health={health}>
      <div
        role="alertdialog"
        aria-labelledby="dbl-health-title"
        aria-describedby="dbl-health-body"
        className={
          "w-full max-w-xl rounded-xl border p-5 shadow-2xl " +
          (health === "frozen" ? "border-amber-300/40 bg-[#231a0b] text-amber-50" : "border-red-300/40 bg-[#2a1114] text-red-50")
        }
      >
        <div className="flex items-start gap-3">
          <svg viewBox="0 0 24 24" className="mt-0.5 h-6 w-6 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M12 3l9.5 16.5h-19L12 3z" />
            <path d="M12 10v4.5M12 17.5v.01" />
          </svg>
          <div className="min-w-0">
            <h2 id="dbl-health-title" className="text-base font-semibold">
              {text.title}
            </h2>
            <p id="dbl-health-body" className="mt-1 text-sm leading-relaxed opacity-90">
              {text.body}
            </p>
          </div>
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          {canRestoreSave && (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={restarting}
              title={t.restartSavedNote}
              onClick={() => restart(true)}
              data-testid="health-restart-saved"
            >
              {restarting ? t.restarting : t.restartSaved}
            </button>
          )}
          <button
            type="button"
            className={"btn btn-sm " + (canRestoreSave ? "btn-secondary" : "btn-primary")}
            disabled={restarting}
            title={t.restartCleanNote}
            onClick={() => restart(false)}
            data-testid="health-restart-clean"
          >
            {restarting && !canRestoreSave ? t.restarting : t.restartClean}
          </button>
        </div>
        {failure && (
          <p role="alert" className="mt-3 text-sm text-red-200">
            {failure}
          </p>
        )}
      </div>
    </div>
  );
}
