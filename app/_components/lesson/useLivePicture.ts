"use client";
// A picture of the engine that redraws itself: runs `script` in the guest after every command the
// learner runs and parses its output. Shared by the image picture and the container picture.

import { useCallback, useEffect, useRef, useState } from "react";
import { useObservable, useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { queuedExec } from "@/app/_lib/exercises/guest-lane";
import { useAfterCommand } from "@/app/_lib/exercises/use-after-command";

export interface LivePictureState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** The machine is up: the picture can be drawn. */
  ready: boolean;
  refresh: () => Promise<void>;
}

/**
 * `active`: whether the picture is on screen. While it is not, commands only mark it stale (no
 * guest work for a picture nobody sees); it redraws as soon as it is shown again.
 * The latest `parse` is used, and a new one does not cause a redraw.
 */
export function useLivePicture<T>(script: string, parse: (stdout: string) => T, active: boolean): LivePictureState<T> {
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef(false);
  const again = useRef(false);
  const stale = useRef(true);
  const activeRef = useRef(active);
  activeRef.current = active;
  const parseRef = useRef(parse);
  parseRef.current = parse;

  const refresh = useCallback(async () => {
    if (!sandbox) return;
    if (inFlight.current) {
      again.current = true; // redraw once more when the current one is done
      return;
    }
    inFlight.current = true;
    setLoading(true);
    try {
      do {
        again.current = false;
        try {
          // Seconds on a busy computer: the guest's one CPU is shared with the learner's commands.
          const r = await queuedExec(sandbox, script, { timeoutMs: 90_000 });
          if (r.timedOut) throw new Error("timed out");
          if (r.exitCode !== 0) throw new Error((r.stderr || r.stdout).trim().split("\n")[0] || `exit ${r.exitCode}`);
          setData(parseRef.current(r.stdout));
          stale.current = false;
          setError(null);
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
        }
      } while (again.current);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [sandbox, script]);

  const afterCommand = useCallback(() => {
    stale.current = true;
    if (activeRef.current) void refresh();
  }, [refresh]);
  // After the checks (which wait 150 ms), so the two never compete for the guest's one CPU.
  useAfterCommand(sandbox, afterCommand, { delayMs: 700, readyDelayMs: 3_500 });
  useEffect(() => {
    if (status !== "ready") setLoading(false);
  }, [status]);
  useEffect(() => {
    if (active && stale.current && status === "ready") void refresh();
  }, [active, status, refresh]);

  return { data, error, loading, ready: status === "ready", refresh };
}
