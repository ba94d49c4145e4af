"use client";
import { format } from "@/app/_lib/i18n";
import { useMessages } from "@/app/_lib/i18n/client";
import { useObservable, useSandbox } from "./SandboxProvider";

/** Types a command into the learner's shell, as if typed, and presses Enter. */
export function RunCommandButton({ command }: { command: string }) {
  const t = useMessages().play;
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const busy = useObservable(sandbox?.busy, false);
  return (
    <button
      type="button"
      disabled={status !== "ready" || busy}
      onClick={() => sandbox?.sendInput(`${command}\r`)}
      aria-label={format(t.runLabel, { command })}
      className="btn btn-secondary btn-sm shrink-0 px-2.5 py-1"
    >
      <svg viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor" aria-hidden="true">
        <path d="M4 2.5v11l9-5.5z" />
      </svg>
      {t.run}
    </button>
  );
}
