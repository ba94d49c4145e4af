"use client";
// The terminal with what the guest serves: when a port opens in the guest, a line above the
// terminal says "Port 8080 is open: Preview"; Preview shows the page beside the terminal (below it
// on a narrow screen, or with layout="stack"), and a button opens it in its own tab, which this
// tab serves over a BroadcastChannel (app/_lib/preview/tab-channel.ts).

import { useCallback, useEffect, useState } from "react";
import { useLocale, useMessages } from "@/app/_lib/i18n/client";
import { format } from "@/app/_lib/i18n";
import { withPrecacheHeld } from "@/app/_lib/persistence/offline";
import { fetchFromGuest, type PreviewRequest, type PreviewResult } from "@/app/_lib/preview/http";
import { serveTabs } from "@/app/_lib/preview/tab-channel";
import { useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { TerminalPane, type TerminalPaneProps } from "@/app/_components/terminal/TerminalPane";
import { PreviewFrame } from "./PreviewFrame";
import { usePreviewPorts } from "./usePreviewPorts";

export interface TerminalWithPreviewProps extends TerminalPaneProps {
  /** "side": the preview beside the terminal on a wide screen; "stack": always below it. */
  layout?: "side" | "stack";
  /** Told when a port opens in the guest (the embed tells its host page). */
  onPortOpened?: (port: number) => void;
  /** Remounts the terminal (the embed's reset). */
  terminalKey?: number;
  /**
   * Offer the preview in its own tab (default true). Not in the embed: in another site's frame the
   * browser partitions the BroadcastChannel, so a tab of the site could not reach this machine.
   */
  tabs?: boolean;
}

export function previewTabHref(locale: string, port: number): string {
  return `/${locale}/preview/?port=${port}`;
}

export function TerminalWithPreview({ layout = "side", onPortOpened, terminalKey, tabs = true, ...terminal }: TerminalWithPreviewProps) {
  const t = useMessages().preview;
  const locale = useLocale();
  const sandbox = useSandbox();
  const ports = usePreviewPorts(sandbox, onPortOpened);
  const [preview, setPreview] = useState<{ port: number; openedAt: number } | null>(null);
  const [dismissed, setDismissed] = useState<number[]>([]);

  const fetcher = useCallback(
    async (request: PreviewRequest): Promise<PreviewResult> =>
      sandbox
        ? withPrecacheHeld(() => fetchFromGuest((script, options) => sandbox.exec(script, options), request))
        : { ok: false, failure: { kind: "unavailable", detail: "no machine" } },
    [sandbox],
  );

  // The preview's own tabs ask this one, while its machine runs.
  useEffect(() => {
    if (!sandbox || !tabs) return;
    return serveTabs(async (request) => (sandbox.status.get() === "ready" ? fetcher(request) : null));
  }, [sandbox, fetcher, tabs]);

  // A port that closed takes its notice with it; one that opens again shows it again.
  useEffect(() => {
    setDismissed((d) => d.filter((p) => ports.includes(p)));
  }, [ports]);

  const notices = ports.filter((p) => !dismissed.includes(p) && p !== preview?.port).slice(0, 3);
  const side = layout === "side";

  return (
    <div className={"flex h-full min-h-0 w-full gap-3 " + (side ? "flex-col lg:flex-row" : "flex-col")}>
      <div className={"flex min-h-0 min-w-0 flex-col gap-2 " + (preview ? "flex-1" : "h-full flex-1")}>
        {notices.map((port) => (
          <p
            key={port}
            className="flex shrink-0 items-center gap-2 rounded-lg border border-emerald-300/60 bg-emerald-50 px-3 py-1.5 text-sm text-emerald-950 dark:border-emerald-400/30 dark:bg-emerald-950/40 dark:text-emerald-100"
            data-testid="port-notice"
            data-port={port}
          >
            <span className="h-2 w-2 shrink-0 rounded-full bg-emerald-500" aria-hidden="true" />
            <span>{format(t.portOpen, { port })}</span>
            <button
              type="button"
              onClick={() => setPreview({ port, openedAt: performance.now() })}
              className="rounded-md bg-emerald-600 px-2.5 py-0.5 font-medium text-white hover:bg-emerald-700"
              data-testid="port-preview"
            >
              {t.open}
            </button>
            {tabs && (
              <a href={previewTabHref(locale, port)} target="_blank" rel="noopener" className="text-emerald-800 underline underline-offset-2 hover:text-emerald-950 dark:text-emerald-200">
                {t.openTab}
              </a>
            )}
            <button
              type="button"
              onClick={() => setDismissed((d) => [...d, port])}
              className="ml-auto inline-flex h-6 w-6 items-center justify-center rounded text-emerald-800 hover:bg-emerald-100 dark:text-emerald-200 dark:hover:bg-emerald-900"
              aria-label={t.dismiss}
              title={t.dismiss}
            >
              <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </p>
        ))}
        <div className="min-h-0 flex-1">
          <TerminalPane key={terminalKey} {...terminal} />
        </div>
      </div>
      {preview && (
        <div className={"min-h-[14rem] min-w-0 flex-1 " + (side ? "lg:h-full" : "")}>
          <PreviewFrame
            key={`${preview.port}:${preview.openedAt}`}
            port={preview.port}
            fetcher={fetcher}
            openedAt={preview.openedAt}
            tabHref={tabs ? previewTabHref(locale, preview.port) : undefined}
            onClose={() => setPreview(null)}
          />
        </div>
      )}
    </div>
  );
}
