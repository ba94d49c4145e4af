// Before a page is shown in the sandboxed preview frame, which may load nothing from any network,
// its stylesheets, scripts and images from the same server are fetched through the agent and put
// into the page itself (a <style>, an inline <script>, a data: URL). At most a few, one after
// another: each is a request in the guest.

import type { PreviewResult } from "./http";
import { dataUrl, resolveTarget } from "./document";

export const MAX_SUBRESOURCES = 12;

export async function inlineSubresources(
  html: string,
  port: number,
  target: string,
  get: (target: string) => Promise<PreviewResult>,
  limit = MAX_SUBRESOURCES,
): Promise<string> {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const items = [
    ...[...doc.querySelectorAll("link[href]")].filter((l) => /\bstylesheet\b/i.test(l.getAttribute("rel") ?? "")).map((el) => ({ el, attr: "href", kind: "style" as const })),
    ...[...doc.querySelectorAll("script[src]")].map((el) => ({ el, attr: "src", kind: "script" as const })),
    ...[...doc.querySelectorAll("img[src]")].map((el) => ({ el, attr: "src", kind: "image" as const })),
  ].slice(0, limit);
  for (const { el, attr, kind } of items) {
    const resolved = resolveTarget(port, target, el.getAttribute(attr) ?? "");
    if (!resolved) continue;
    const result = await get(resolved);
    if (!result.ok || result.response.status !== 200) continue;
    const text = () => new TextDecoder().decode(result.response.body);
    if (kind === "style") {
      const style = doc.createElement("style");
      style.textContent = text();
      el.replaceWith(style);
    } else if (kind === "script") {
      el.removeAttribute("src");
      el.textContent = text().replace(/<\/script/gi, "<\\/script");
    } else {
      el.setAttribute("src", dataUrl(result.response));
    }
  }
  return doc.documentElement.outerHTML;
}
