"use client";
// A SandboxProvider whose machine survives reloads, closed tabs and lost networks: it resumes the
// learner's saved machine (or says why it cannot), saves it, lets one tab own it, and registers
// the offline service worker. Components below read it with usePersistence().
//
//   <PersistentSandboxProvider><TerminalPane /></PersistentSandboxProvider>

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { MachinePersistence, type PersistenceView } from "@/app/_lib/persistence/session";
import { holdPrecache, offlineSandboxOptions, onServiceWorkerNotice, requestPrecache } from "@/app/_lib/persistence/offline";
import { testMode } from "@/app/_test-hooks/mode";
import { installPersistenceHook } from "@/app/_test-hooks/persistence-hook";
import { SandboxProvider, useObservable, useSandboxContext } from "@/app/_components/sandbox/SandboxProvider";

const PersistenceContext = createContext<MachinePersistence | null>(null);

/** The persistence of the nearest provider; null outside one (e.g. an embedded exercise). */
export function usePersistence(): MachinePersistence | null {
  return useContext(PersistenceContext);
}

export function usePersistenceView(): PersistenceView | null {
  const controller = usePersistence();
  return useObservable(controller?.view ?? null, null);
}

export function PersistentSandboxProvider({ children, guestBaseUrl = "/guest/" }: { children: ReactNode; guestBaseUrl?: string }) {
  const [controller] = useState(() => new MachinePersistence({ guestBaseUrl }));

  useEffect(() => {
    const mode = testMode();
    controller.testMode = mode === "decide" || mode === "store-only" ? mode : null;
    installPersistenceHook(controller);
    const onVisibility = () => {
      if (document.visibilityState === "hidden") controller.onVisibilityHidden();
    };
    document.addEventListener("visibilitychange", onVisibility);
    const offSw = onServiceWorkerNotice((notice) => controller.setDiskMissing(notice.type === "dbl-sw:disk-missing"));
    void controller.refreshUsage();
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      offSw();
    };
  }, [controller]);

  useEffect(() => () => controller.dispose(), [controller]);

  return (
    <PersistenceContext.Provider value={controller}>
      <SandboxProvider guestBaseUrl={guestBaseUrl} starter={controller.start} beforeCreate={offlineSandboxOptions}>
        <Bridge controller={controller} />
        {children}
      </SandboxProvider>
    </PersistenceContext.Provider>
  );
}

const PRECACHE_AFTER_IDLE_MS = 2000;

/** Gives the controller the provider's restart, and caches the site for offline once ready. */
function Bridge({ controller }: { controller: MachinePersistence }) {
  const { sandbox, restart } = useSandboxContext();
  const status = useObservable(sandbox?.status ?? null, null);
  useEffect(() => {
    controller.bindRestart(restart);
    return () => controller.bindRestart(null);
  }, [controller, restart]);
  const busy = useObservable(sandbox?.busy ?? null, false);
  useEffect(() => {
    // Caching for offline use downloads ~100 MB of disk parts: start it once the learner's
    // commands are done (the prompt is back for a moment), and hold it while one runs.
    if (status === "ready" && busy) return holdPrecache();
    if (status !== "ready") return;
    const timer = setTimeout(requestPrecache, PRECACHE_AFTER_IDLE_MS);
    return () => clearTimeout(timer);
  }, [status, busy]);
  return null;
}
