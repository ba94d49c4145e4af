"use client";
// The ports that listen in the guest, read after each command the learner runs (and once when the
// machine is ready), again 3 s later for a server that takes a moment to start. One `cat` of
// /proc/net/tcp through the agent each time, in the page's lane (after any exercise check).

import { useCallback, useEffect, useRef, useState } from "react";
import type { Sandbox } from "@/emulator/browser";
import { queuedExec } from "@/app/_lib/exercises/guest-lane";
import { useAfterCommand } from "@/app/_lib/exercises/use-after-command";
import { listeningPorts, newlyOpened, PORTS_SCRIPT } from "@/app/_lib/preview/ports";

const SECOND_LOOK_MS = 3_000;

export function usePreviewPorts(sandbox: Sandbox | null, onOpened?: (port: number) => void): number[] {
  const [ports, setPorts] = useState<number[]>([]);
  const known = useRef<number[]>([]);
  const opened = useRef(onOpened);
  useEffect(() => {
    opened.current = onOpened;
  }, [onOpened]);
  const later = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const scan = useCallback(async () => {
    if (!sandbox || sandbox.status.get() !== "ready") return;
    const result = await queuedExec(sandbox, PORTS_SCRIPT, { timeoutMs: 10_000 }).catch(() => null);
    if (!result || result.timedOut || result.exitCode !== 0) return;
    const now = listeningPorts(result.stdout);
    const fresh = newlyOpened(known.current, now);
    known.current = now;
    setPorts((before) => (before.join() === now.join() ? before : now));
    for (const port of fresh) opened.current?.(port);
  }, [sandbox]);

  const afterCommand = useCallback(() => {
    void scan();
    if (later.current) clearTimeout(later.current);
    later.current = setTimeout(() => void scan(), SECOND_LOOK_MS);
  }, [scan]);
  useAfterCommand(sandbox, afterCommand, { delayMs: 500 });
  useEffect(() => () => later.current && clearTimeout(later.current), []);

  // A new machine (reset) starts with nothing open.
  useEffect(() => {
    known.current = [];
    setPorts([]);
  }, [sandbox]);
  return ports;
}
