// One visit of the preview: a request to the guest's port, its redirects followed (at most 5, a
// 301/302/303 after a post becomes a GET), its stylesheets, scripts and images inlined, and the
// srcdoc to show. The time to the first response (`firstByteMs`) is what the pane reports.

import type { PreviewFailure, PreviewRequest, PreviewResult } from "./http";
import { isHtml, resolveTarget, srcdocFor } from "./document";
import { inlineSubresources } from "./inline";

export const MAX_REDIRECTS = 5;

export type Fetcher = (request: PreviewRequest) => Promise<PreviewResult>;

export type PageResult =
  | { ok: true; srcdoc: string; status: number; target: string; firstByteMs: number }
  | { ok: false; failure: PreviewFailure; target: string };

export async function loadPage(fetcher: Fetcher, request: PreviewRequest, now: () => number = () => performance.now()): Promise<PageResult> {
  const started = now();
  let current = request;
  let firstByteMs: number | null = null;
  for (let hop = 0; ; hop++) {
    const result = await fetcher(current);
    if (firstByteMs === null) firstByteMs = now() - started;
    if (!result.ok) return { ok: false, failure: result.failure, target: current.target };
    const { response } = result;
    const location = response.headers["location"];
    if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
      const next = resolveTarget(current.port, current.target, location);
      if (next) {
        const keep = (response.status === 307 || response.status === 308) && current.method === "POST";
        current = keep ? { ...current, target: next } : { port: current.port, method: "GET", target: next };
        continue;
      }
    }
    let html: string | undefined;
    if (isHtml(response) && typeof DOMParser !== "undefined") {
      const text = new TextDecoder().decode(response.body);
      html = await inlineSubresources(text, current.port, current.target, (target) => fetcher({ port: current.port, method: "GET", target }));
    }
    return { ok: true, srcdoc: srcdocFor(response, html), status: response.status, target: current.target, firstByteMs };
  }
}
