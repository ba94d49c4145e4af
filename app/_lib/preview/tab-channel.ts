// The preview in its own tab: that tab has no machine, so it asks the tab that runs one, over a
// BroadcastChannel (same origin only: a previewed page, in its opaque origin, cannot join it).
// The terminal's tab answers with the same fetchFromGuest the pane uses.

import type { PreviewRequest, PreviewResult } from "./http";

export const TAB_CHANNEL = "dbl-preview-tabs";
/** How long the preview tab waits for the terminal's tab (the guest may be busy). */
export const TAB_TIMEOUT_MS = 30_000;
/** The failure's detail when no tab with a running machine answered. */
export const NO_TAB = "no tab runs the machine";

export interface TabRequest {
  type: "preview-request";
  id: string;
  request: PreviewRequest;
}
export interface TabResponse {
  type: "preview-response";
  id: string;
  result: PreviewResult;
}

export function isTabRequest(data: unknown): data is TabRequest {
  if (typeof data !== "object" || data === null) return false;
  const d = data as Partial<TabRequest>;
  return d.type === "preview-request" && typeof d.id === "string" && typeof d.request === "object" && d.request !== null;
}

export function isTabResponse(data: unknown, id: string): data is TabResponse {
  if (typeof data !== "object" || data === null) return false;
  const d = data as Partial<TabResponse>;
  return d.type === "preview-response" && d.id === id && typeof d.result === "object" && d.result !== null;
}

/**
 * Serves preview requests from other tabs with `fetch` (null: this tab has no running machine and
 * stays silent, so the tab that has one answers); returns the function that stops.
 */
export function serveTabs(fetch: (request: PreviewRequest) => Promise<PreviewResult | null>): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.onmessage = async (event: MessageEvent) => {
    if (!isTabRequest(event.data)) return;
    const { id, request } = event.data;
    const result = await fetch(request);
    if (result) channel.postMessage({ type: "preview-response", id, result } satisfies TabResponse);
  };
  return () => channel.close();
}

/** A fetcher for the preview tab: asks the terminal's tab; "unavailable" when none answers. */
export function tabFetcher(): (request: PreviewRequest) => Promise<PreviewResult> {
  return (request) =>
    new Promise((resolve) => {
      const channel = new BroadcastChannel(TAB_CHANNEL);
      const id = Math.random().toString(36).slice(2) + Date.now().toString(36);
      const timer = setTimeout(() => {
        channel.close();
        resolve({ ok: false, failure: { kind: "unavailable", detail: NO_TAB } });
      }, TAB_TIMEOUT_MS);
      channel.onmessage = (event: MessageEvent) => {
        if (!isTabResponse(event.data, id)) return;
        clearTimeout(timer);
        channel.close();
        resolve(event.data.result);
      };
      channel.postMessage({ type: "preview-request", id, request } satisfies TabRequest);
    });
}
