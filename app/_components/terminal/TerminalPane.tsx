"use client";
// The terminal for the sandbox in context: a toolbar (status, activity, screen-reader mode,
// reset), the boot screen while the machine loads, an error screen when it fails, and xterm.
// What the toolbar shows is also said, through one live region, to screen readers. Fills its
// parent; put it in a box with a height (on phones, less the touch keyboard: --dbl-keyboard-inset).
//
//   <SandboxProvider><div className="h-[32rem]"><TerminalPane /></div></SandboxProvider>

import { useCallback, useEffect, useRef, useState } from "react";
import { isStoppedForGood, type SandboxProgress, type SandboxStatus } from "@/emulator/browser";
import { useMessages } from "@/app/_lib/i18n/client";
import { format } from "@/app/_lib/i18n";
import { useSecondsSince } from "@/app/_components/ui/use-seconds-since";
import { useObservable, useSandboxContext } from "@/app/_components/sandbox/SandboxProvider";
import { BootScreen, ErrorScreen } from "@/app/_components/sandbox/SandboxScreens";
import { HealthBanner } from "@/app/_components/sandbox/HealthBanner";
import { XtermView, type XtermViewHandle } from "./XtermView";
import { ResetButton, type ResetChoice } from "./ResetButton";
import { usePersistence } from "@/app/_components/persistence/PersistentSandboxProvider";
import { SaveControl } from "@/app/_components/persistence/SaveControl";
import { BackupButton } from "@/app/_components/persistence/BackupButton";
import { PersistenceNotices } from "@/app/_components/persistence/PersistenceNotices";
import { usePersistenceView } from "@/app/_components/persistence/PersistentSandboxProvider";
import { clearProgress } from "@/app/_lib/progress";
import { getHealthMessages } from "@/app/_lib/i18n/messages/health";
import { useLocale } from "@/app/_lib/i18n/client";
import { LiveRegion } from "@/app/_components/ui/LiveRegion";
import { useKeyboardInset } from "./use-keyboard-inset";
import { COARSE_POINTER, useMediaQuery } from "@/app/_components/ui/use-media-query";

const SCREEN_READER_KEY = "dbl:screen-reader";
const LEAVE_HINT_MS = 5000;
const LOADING: ReadonlySet<SandboxStatus> = new Set(["idle", "downloading", "restoring", "booting", "starting-docker"]);

export interface TerminalPaneProps {
  /** Focus the terminal when the machine becomes ready (good for the sandbox page, not for lessons). */
  autoFocus?: boolean;
  className?: string;
}

export function TerminalPane({ autoFocus = false, className = "" }: TerminalPaneProps) {
  const t = useMessages();
  const healthText = getHealthMessages(useLocale());
  const { sandbox, loadError, startError, restart, coldBoot } = useSandboxContext();
  const status = useObservable<SandboxStatus | null>(sandbox?.status, null);
  const progress = useObservable<SandboxProgress | null>(sandbox?.progress, null);
  const sandboxError = useObservable<string | null>(sandbox?.error, null);
  const busy = useObservable<boolean>(sandbox?.busy, false);
  const health = useObservable(sandbox?.health, "ok");
  // A panicked or halted machine is not running, whatever its status says (HealthBanner explains).
  const stopped = isStoppedForGood(health);
  const xterm = useRef<XtermViewHandle>(null);
  const persistence = usePersistence();
  const persistenceView = usePersistenceView();

  const [screenReader, setScreenReader] = useState(false);
  useEffect(() => {
    try {
      setScreenReader(localStorage.getItem(SCREEN_READER_KEY) === "1");
    } catch {
      // ignore
    }
  }, []);
  const toggleScreenReader = () => {
    setScreenReader((on) => {
      try {
        localStorage.setItem(SCREEN_READER_KEY, on ? "0" : "1");
      } catch {
        // ignore
      }
      return !on;
    });
  };

  // After "Cold boot", keep the terminal visible so the kernel log streams in live.
  const [showBootLog, setShowBootLog] = useState(false);
  // Whether this machine has been ready since the last (re)start: a failure before that "could
  // not start", a failure after it "stopped".
  const [wasReady, setWasReady] = useState(false);
  useEffect(() => {
    if (status === "booting") setShowBootLog(true);
    if (status === "ready") {
      setShowBootLog(false);
      setWasReady(true);
    }
  }, [status]);

  const reason = loadError ?? sandboxError ?? startError;
  const failed = reason !== null || status === "crashed" || status === "destroyed";
  const effectiveStatus: SandboxStatus = failed ? (status === "destroyed" ? "destroyed" : "crashed") : (status ?? "idle");
  const loading = !failed && LOADING.has(effectiveStatus);
  // After a cold boot starts, the terminal itself is the progress display (the kernel log).
  const showBoot = loading && !(showBootLog && (effectiveStatus === "booting" || effectiveStatus === "starting-docker"));
  const ready = effectiveStatus === "ready";

  // A quiet "working" sign, only for commands that take a moment (no flicker on quick ones).
  const [showBusy, setShowBusy] = useState(false);
  // The seconds a command has run: Docker is slow here, and a count shows it is still working.
  const busySeconds = useSecondsSince(null, showBusy);
  useEffect(() => {
    if (!busy || !ready || stopped) {
      setShowBusy(false);
      return;
    }
    const timer = window.setTimeout(() => setShowBusy(true), 300);
    return () => window.clearTimeout(timer);
  }, [busy, ready, stopped]);

  useEffect(() => {
    if (autoFocus && ready) xterm.current?.focus();
  }, [autoFocus, ready]);

  // Where the keyboard is: in the terminal (the hint about leaving it shows), and with an Esc held.
  const [terminalFocused, setTerminalFocused] = useState(false);
  const [escapeArmed, setEscapeArmed] = useState(false);
  // The hint shows for a few seconds after the terminal takes the focus, and while an Esc is held:
  // long enough to be seen, not so long that it hides the output under it.
  // (Counted from the machine being ready, when the terminal had the focus before that.) Not on a
  // touch screen: its learners leave by tapping elsewhere, and the hint would cover a narrow
  // terminal's output; an Esc held from a keyboard still shows its sign there.
  const touchScreen = useMediaQuery(COARSE_POINTER);
  const [hintShown, setHintShown] = useState(false);
  useEffect(() => {
    setHintShown(terminalFocused && ready && !touchScreen);
    if (!terminalFocused || !ready || touchScreen) return;
    const timer = window.setTimeout(() => setHintShown(false), LEAVE_HINT_MS);
    return () => window.clearTimeout(timer);
  }, [terminalFocused, ready, touchScreen]);

  // A touch keyboard opening: the layouts make room (--dbl-keyboard-inset), and the terminal's
  // bottom, where the prompt is, is brought into view above the keyboard.
  const pane = useRef<HTMLDivElement>(null);
  const keyboardInset = useKeyboardInset();
  useEffect(() => {
    if (keyboardInset > 0 && terminalFocused) pane.current?.scrollIntoView({ block: "end" });
  }, [keyboardInset, terminalFocused]);

  // One sentence for screen readers whenever the state changes: the machine's status, Working
  // while a command takes a moment, Docker restarting and the other faults.
  const statusLabel = t.sandbox.status[stopped ? "crashed" : effectiveStatus];
  const announcement =
    health === "docker-restarting"
      ? healthText.dockerRestarting.title
      : health === "panicked"
        ? healthText.panicked.title
        : health === "halted"
          ? healthText.halted.title
          : health === "frozen"
            ? healthText.frozen.title
            : showBusy
              ? t.terminal.busy
              : statusLabel;

  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 6000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const onColdBoot = useCallback(() => {
    setShowBootLog(true);
    setWasReady(false);
    xterm.current?.clear();
    coldBoot();
  }, [coldBoot]);
  const onRestart = useCallback(() => {
    setShowBootLog(false);
    setWasReady(false);
    xterm.current?.clear();
    restart();
  }, [restart]);

  return (
    <div
      ref={pane}
      className={"flex h-full min-h-0 w-full flex-col overflow-hidden rounded-xl border border-line bg-term " + className}
      data-status={effectiveStatus}
      data-busy={busy ? "true" : "false"}
      data-testid="terminal-pane"
    >
      <div className="@container flex h-10 shrink-0 items-center gap-3 border-b border-white/10 bg-[#101a2c] px-3 text-xs text-slate-300">
        <LiveRegion message={announcement} testId="status-announcer" />
        <span className="flex items-center gap-2">
          <span
            className={
              "h-2 w-2 rounded-full " +
              (ready && !stopped ? "bg-emerald-400" : failed || stopped ? "bg-amber-400" : "bg-blue-400")
            }
            aria-hidden="true"
          />
          <span className="font-medium text-slate-200" data-testid="sandbox-status">
            {statusLabel}
          </span>
        </span>
        {showBusy && (
          <span className="flex items-center gap-1.5 text-slate-400" title={t.terminal.busyLabel} data-testid="busy-indicator">
            {t.terminal.busy}
            {busySeconds > 0 && <span className="font-mono tabular-nums">{format(t.terminal.busySeconds, { seconds: busySeconds })}</span>}
          </span>
        )}
        <div className="ml-auto flex items-center gap-1">
          <button
            type="button"
            onClick={toggleScreenReader}
            aria-pressed={screenReader}
            title={t.terminal.screenReader}
            className={
              "inline-flex h-7 items-center gap-1.5 rounded-md px-2 transition-colors hover:bg-white/10 hover:text-white " +
              (screenReader ? "bg-white/10 text-white" : "text-slate-300")
            }
            data-testid="screen-reader-toggle"
          >
            <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <circle cx="12" cy="4.5" r="1.8" />
              <path d="M5 8.5l7 1.5 7-1.5M12 10v4.5M12 14.5L8.5 21M12 14.5l3.5 6.5" />
            </svg>
            <span className="hidden sm:inline">{t.terminal.screenReader}</span>
          </button>
          <SaveControl disabled={!sandbox || !ready || stopped} />
          <BackupButton />
          <ResetButton
            disabled={!sandbox || !ready}
            choices={!!persistence}
            onReset={async (choice: ResetChoice) => {
              if (choice !== "machine") await clearProgress();
              if (choice === "progress") return;
              xterm.current?.clear();
              if (persistence) await persistence.resetMachine();
              else await sandbox?.reset();
            }}
          />
        </div>
      </div>

      {showBootLog && loading && !showBoot && (
        <p className="shrink-0 border-b border-blue-400/20 bg-blue-950/80 px-4 py-2 text-xs text-blue-100" data-testid="cold-boot-note">
          {t.sandbox.boot.coldBootNote}
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        {/* The terminal is always mounted, so output that arrives while an overlay shows is kept. */}
        <div className="group absolute inset-0">
          <XtermView
            ref={xterm}
            sandbox={sandbox}
            screenReaderMode={screenReader}
            onNotice={setNotice}
            onFocusChange={setTerminalFocused}
            onEscapeArmed={setEscapeArmed}
          />
          {/* Focus ring drawn above xterm's canvas (an inset ring on the host would be painted over). */}
          <div
            className="pointer-events-none absolute inset-0 z-10 rounded-b-xl opacity-0 ring-2 ring-blue-400/90 ring-inset transition-opacity group-focus-within:opacity-100"
            aria-hidden="true"
            data-testid="terminal-focus-ring"
          />
        </div>
        {showBoot && (
          <div className="absolute inset-0 z-20">
            <BootScreen status={effectiveStatus} progress={progress} />
          </div>
        )}
        {ready && (
          <HealthBanner
            sandbox={sandbox}
            persistence={persistence}
            hasSave={!!persistenceView?.lastSaved || persistenceView?.resumed === "saved"}
            onRestart={() => xterm.current?.clear()}
          />
        )}
        {failed && (
          <div className="absolute inset-0 z-20">
            <ErrorScreen status={status === "destroyed" ? "destroyed" : wasReady ? "crashed" : null} reason={reason} onRestart={onRestart} onColdBoot={onColdBoot} />
          </div>
        )}
        {ready && (escapeArmed || (hintShown && terminalFocused)) ? (
          // Screen readers hear the same from the terminal's description (XtermView).
          <p
            className={
              "pointer-events-none absolute top-2 right-3 z-10 rounded-md px-2 py-1 text-xs font-medium shadow " +
              (escapeArmed ? "bg-blue-300 text-slate-950" : "bg-slate-800/95 text-slate-100 ring-1 ring-white/15")
            }
            data-testid="leave-hint"
            data-armed={escapeArmed ? "true" : "false"}
            aria-hidden="true"
          >
            {escapeArmed ? t.terminal.leaveArmed : t.terminal.leaveHint}
          </p>
        ) : null}
        <PersistenceNotices />
        {notice && (
          <p role="status" className="absolute inset-x-4 top-3 z-30 rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-950 shadow">
            {notice}
          </p>
        )}
      </div>
    </div>
  );
}
