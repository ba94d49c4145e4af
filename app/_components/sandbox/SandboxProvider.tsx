"use client";
// One Linux machine per provider. The emulator code is loaded when the provider mounts
// (loadBrowserSandbox), so only pages that render a <SandboxProvider> download it.
//
//   <SandboxProvider>            // creates + starts the machine after mount, destroys on unmount
//     <TerminalPane />           // boot screen, then the terminal
//     <MyChecks />               // const sandbox = useSandbox(); sandbox?.exec("docker ps")
//   </SandboxProvider>

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { loadBrowserSandbox, type BrowserSandboxOptions, type Observable, type Sandbox, type StartOptions } from "@/emulator/browser";

export interface SandboxContextValue {
  /** The machine, once the emulator module has loaded; null before that or if loading failed. */
  sandbox: Sandbox | null;
  /** Why the machine could not even be created (e.g. the emulator script failed to load). */
  loadError: string | null;
  /** Why the last start() rejected, when the sandbox did not report it through `error`. */
  startError: string | null;
  /** Throw the current machine away (if any), create a new one and start it. */
  restart(options?: StartOptions): void;
  /** Start the current machine again with a cold boot (falls back to restart if there is none). */
  coldBoot(): void;
}

const SandboxContext = createContext<SandboxContextValue | null>(null);

export interface SandboxProviderProps {
  children: ReactNode;
  /** Where the guest artifacts are served. Default "/guest/". */
  guestBaseUrl?: string;
  /** Options for the first start(), e.g. a saved state to resume. */
  startOptions?: StartOptions;
  /**
   * Starts a new machine instead of `sandbox.start(startOptions)` (after mount, and on restart()
   * without options): persistence uses it to resume a saved state, or not to start at all when
   * another tab owns the machine.
   */
  starter?: (sandbox: Sandbox) => Promise<void>;
  /**
   * Awaited before the machine (its Web Worker) is created, e.g. until a service worker controls
   * the page; may resolve with more options for the machine (its offline cache).
   */
  beforeCreate?: () => Promise<Partial<Pick<BrowserSandboxOptions, "offlineCache">> | void>;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === "string" ? err : String(err);
}

export function SandboxProvider({ children, guestBaseUrl = "/guest/", startOptions, starter, beforeCreate }: SandboxProviderProps) {
  const [sandbox, setSandbox] = useState<Sandbox | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  // Bumping `generation` replaces the machine; `nextStart` holds the options for its start().
  const [generation, setGeneration] = useState(0);
  const nextStart = useRef<StartOptions | undefined>(startOptions);
  const starterRef = useRef(starter);
  starterRef.current = starter;
  const beforeCreateRef = useRef(beforeCreate);
  beforeCreateRef.current = beforeCreate;

  useEffect(() => {
    let cancelled = false;
    let created: Sandbox | null = null;
    const options = nextStart.current;
    nextStart.current = undefined;

    const ready = beforeCreateRef.current?.().catch(() => {}) ?? Promise.resolve();
    Promise.all([loadBrowserSandbox(), ready])
      .then(([createBrowserSandbox, more]) => {
        if (cancelled) return;
        created = createBrowserSandbox({ ...more, guestBaseUrl });
        setSandbox(created);
        setLoadError(null);
        setStartError(null);
        const custom = starterRef.current;
        (options || !custom ? created.start(options) : custom(created)).catch((err: unknown) => {
          if (!cancelled) setStartError(messageOf(err));
        });
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        setSandbox(null);
        setLoadError(messageOf(err));
      });

    return () => {
      cancelled = true;
      if (created) {
        created.destroy().catch(() => {
          // Already gone; nothing to clean up.
        });
      }
    };
  }, [guestBaseUrl, generation]);

  const restart = useCallback((options?: StartOptions) => {
    nextStart.current = options;
    setSandbox(null);
    setLoadError(null);
    setStartError(null);
    setGeneration((g) => g + 1);
  }, []);

  const coldBoot = useCallback(() => {
    if (!sandbox || sandbox.status.get() === "destroyed") {
      restart({ coldBoot: true });
      return;
    }
    setStartError(null);
    sandbox.start({ coldBoot: true }).catch((err: unknown) => setStartError(messageOf(err)));
  }, [sandbox, restart]);

  const value = useMemo<SandboxContextValue>(
    () => ({ sandbox, loadError, startError, restart, coldBoot }),
    [sandbox, loadError, startError, restart, coldBoot],
  );
  return <SandboxContext.Provider value={value}>{children}</SandboxContext.Provider>;
}

/** The machine of the nearest <SandboxProvider>, or null while it loads (or outside a provider). */
export function useSandbox(): Sandbox | null {
  return useContext(SandboxContext)?.sandbox ?? null;
}

/** Everything the provider knows, including load/start errors and restart controls. */
export function useSandboxContext(): SandboxContextValue {
  const value = useContext(SandboxContext);
  if (!value) throw new Error("useSandboxContext must be used inside <SandboxProvider>");
  return value;
}

const noopSubscribe = () => () => {};

/**
 * The current value of an Observable, re-rendering on change (useSyncExternalStore).
 * Pass null/undefined (e.g. before the sandbox exists) to get `fallback`.
 */
export function useObservable<T>(observable: Observable<T>): T;
export function useObservable<T>(observable: Observable<T> | null | undefined, fallback: T): T;
export function useObservable<T>(observable: Observable<T> | null | undefined): T | undefined;
export function useObservable<T>(observable: Observable<T> | null | undefined, fallback?: T): T | undefined {
  const subscribe = useCallback(
    (onChange: () => void) => (observable ? observable.subscribe(() => onChange()) : noopSubscribe()),
    [observable],
  );
  const get = useCallback(() => (observable ? observable.get() : fallback), [observable, fallback]);
  return useSyncExternalStore(subscribe, get, get);
}
