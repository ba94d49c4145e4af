"use client";
// The preview of one port: a toolbar (back, the address, reload, a new tab, close) and the page
// the guest serves, in an iframe sandboxed without allow-same-origin (app/_lib/preview/document.ts
// says what that stops). Links and forms inside it come back here as messages from that frame
// only; each is a new request through `fetcher`. Used beside the terminal and in its own tab.

import { useCallback, useEffect, useRef, useState } from "react";
import { useMessages } from "@/app/_lib/i18n/client";
import { format } from "@/app/_lib/i18n";
import type { PreviewFailure, PreviewRequest } from "@/app/_lib/preview/http";
import { formGetTarget, isFrameReady, PREVIEW_FRAME_URL, PREVIEW_SANDBOX, readNavigateMessage, resolveTarget, showMessage } from "@/app/_lib/preview/document";
import { loadPage, type Fetcher } from "@/app/_lib/preview/load";
import { NO_TAB } from "@/app/_lib/preview/tab-channel";

export interface PreviewFrameProps {
  port: number;
  fetcher: Fetcher;
  initialTarget?: string;
  /** performance.now() when the learner asked for the preview: the first byte is timed from it. */
  openedAt?: number;
  /** The address of this preview in its own tab; no button when absent (in that tab). */
  tabHref?: string;
  onClose?: () => void;
  className?: string;
}

type View =
  | { kind: "loading" }
  | { kind: "page"; html: string; status: number; n: number }
  | { kind: "failed"; failure: PreviewFailure }
  | { kind: "leaves" };

export function PreviewFrame({ port, fetcher, initialTarget = "/", openedAt, tabHref, onClose, className = "" }: PreviewFrameProps) {
  const t = useMessages().preview;
  const frame = useRef<HTMLIFrameElement>(null);
  const [history, setHistory] = useState<string[]>([initialTarget]);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [firstByteMs, setFirstByteMs] = useState<number | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [loads, setLoads] = useState(0);
  const [leaves, setLeaves] = useState(false);
  const visit = useRef(0);
  const loading = useRef(false);
  const target = history[history.length - 1];

  const load = useCallback(
    async (request: PreviewRequest, push: boolean, startedAt = performance.now()) => {
      const mine = ++visit.current;
      setView({ kind: "loading" });
      // The address changes at once, so Reload and Back during a visit mean the page asked for.
      setHistory((h) => (push ? [...h, request.target] : [...h.slice(0, -1), request.target]));
      const calledAt = performance.now();
      loading.current = true;
      const result = await loadPage(fetcher, request).finally(() => {
        if (mine === visit.current) loading.current = false;
      });
      if (mine !== visit.current) return; // a newer visit started meanwhile
      if (result.ok) {
        // The first visit's time from the click to the guest's answer; the last one's from its start.
        setFirstByteMs((ms) => ms ?? Math.round(calledAt - startedAt + result.firstByteMs));
        setLastMs(Math.round(result.firstByteMs));
      }
      setLoads((n) => n + 1);
      if (!result.ok) {
        setView({ kind: "failed", failure: result.failure });
        return;
      }
      setHistory((h) => [...h.slice(0, -1), result.target]); // after redirects
      setView({ kind: "page", html: result.srcdoc, status: result.status, n: mine });
    },
    [fetcher],
  );

  // The first visit, timed from the click that opened the preview.
  useEffect(() => {
    void load({ port, method: "GET", target: initialTarget }, false, openedAt);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [port]);

  // Messages from the frame (and only from it): it asks for its document, then links and forms.
  const html = view.kind === "page" ? view.html : null;
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      if (isFrameReady(event.data)) {
        // Its origin is opaque: "*" is the only target that reaches it. The document is no secret.
        if (html !== null) frame.current.contentWindow?.postMessage(showMessage(html), "*");
        return;
      }
      const nav = readNavigateMessage(event.data);
      // One visit at a time: a page that posts a flood of navigations makes one request, not many.
      if (!nav || loading.current) return;
      const resolved = resolveTarget(port, target, nav.href || target);
      if (!resolved) {
        setLeaves(true);
        return;
      }
      setLeaves(false);
      const request: PreviewRequest =
        nav.method === "POST"
          ? { port, method: "POST", target: resolved, body: nav.body ?? "" }
          : { port, method: "GET", target: nav.body !== undefined ? formGetTarget(resolved, nav.body) : resolved };
      void load(request, true);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [port, target, load, html]);

  const reload = () => {
    setLeaves(false);
    void load({ port, method: "GET", target }, false);
  };
  const back = () => {
    if (history.length < 2) return;
    const previous = history[history.length - 2];
    setHistory((h) => h.slice(0, -1));
    setLeaves(false);
    void load({ port, method: "GET", target: previous }, false);
  };

  const failureText = (failure: PreviewFailure) =>
    format(
      failure.kind === "refused"
        ? t.refused
        : failure.kind === "timeout"
          ? t.timeout
          : failure.kind === "too-large"
            ? t.tooLarge
            : failure.kind === "bad-response"
              ? t.badResponse
              : failure.kind === "unavailable" && failure.detail === NO_TAB
                ? t.tabNoMachine
                : t.unavailable,
      { port },
    );

  const button =
    "inline-flex h-7 w-7 items-center justify-center rounded-md text-muted transition-colors hover:bg-sunken hover:text-fg disabled:opacity-40 disabled:hover:bg-transparent";

  return (
    <section
      aria-label={format(t.frameTitle, { port })}
      className={"flex h-full min-h-0 w-full flex-col overflow-hidden rounded-xl border border-line bg-elevated shadow-sm " + className}
      data-testid="preview-pane"
      data-port={port}
      data-state={view.kind}
      data-target={target}
      data-loads={loads}
      data-first-byte-ms={firstByteMs ?? ""}
      data-last-ms={lastMs ?? ""}
    >
      <div className="flex h-10 shrink-0 items-center gap-1 border-b border-line px-2 text-xs">
        <button type="button" className={button} onClick={back} disabled={history.length < 2} title={t.back} aria-label={t.back} data-testid="preview-back">
          <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M15 18l-6-6 6-6" />
          </svg>
        </button>
        <button type="button" className={button} onClick={reload} title={t.reload} aria-label={t.reload} data-testid="preview-reload">
          <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />
          </svg>
        </button>
        <div className="mx-1 flex min-w-0 flex-1 items-center gap-2 rounded-md bg-sunken px-2.5 py-1 font-mono text-[0.75rem] text-fg" data-testid="preview-address">
          <span className="h-1.5 w-1.5 shrink-0 rounded-full bg-emerald-500" aria-hidden="true" />
          <span className="truncate">
            <span className="text-subtle">localhost:{port}</span>
            {target}
          </span>
          {view.kind === "page" && view.status !== 200 && (
            <span className="ml-auto shrink-0 rounded bg-amber-100 px-1.5 text-amber-900">{format(t.status, { status: view.status })}</span>
          )}
        </div>
        {tabHref && (
          <a href={tabHref} target="_blank" rel="noopener" className={button} title={t.openTab} aria-label={t.openTab} data-testid="preview-open-tab">
            <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
            </svg>
          </a>
        )}
        {onClose && (
          <button type="button" className={button} onClick={onClose} title={t.close} aria-label={t.close} data-testid="preview-close">
            <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        )}
      </div>
      {leaves && (
        <p role="status" className="shrink-0 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-950" data-testid="preview-leaves">
          {format(t.leaves, { port })}
        </p>
      )}
      <div className="relative min-h-0 flex-1 bg-white">
        {view.kind === "page" && (
          <iframe
            // A fresh frame for every page: it takes one document only.
            key={view.n}
            ref={frame}
            title={format(t.frameTitle, { port })}
            sandbox={PREVIEW_SANDBOX}
            src={PREVIEW_FRAME_URL}
            referrerPolicy="no-referrer"
            className="absolute inset-0 h-full w-full border-0 bg-white"
            data-testid="preview-frame"
          />
        )}
        {view.kind === "loading" && (
          <p className="absolute inset-0 flex items-center justify-center gap-2 bg-elevated text-sm text-muted" role="status" data-testid="preview-loading">
            <span className="h-2 w-2 rounded-full bg-blue-500" aria-hidden="true" />
            {format(t.loading, { port })}
          </p>
        )}
        {view.kind === "failed" && (
          <div className="absolute inset-0 flex items-center justify-center bg-elevated p-6" data-testid="preview-error" data-kind={view.failure.kind}>
            <div role="alert" className="max-w-sm text-center">
              <p className="text-sm leading-relaxed text-fg">{failureText(view.failure)}</p>
              <button
                type="button"
                onClick={reload}
                className="mt-3 inline-flex h-8 items-center rounded-md bg-blue-600 px-3 text-sm font-medium text-white hover:bg-blue-700"
              >
                {t.reload}
              </button>
            </div>
          </div>
        )}
      </div>
      <p className="shrink-0 border-t border-line px-3 py-1 text-[0.6875rem] text-subtle">{t.note}</p>
    </section>
  );
}
