// What the preview pane shows: a guest's response turned into one HTML document, written into
// the frame /preview-frame.html (public/), loaded in an iframe with `sandbox="allow-scripts
// allow-forms"` and no allow-same-origin. That document has an opaque origin: it cannot open the
// site's IndexedDB or storage, cannot script the page around it (window.parent is cross-origin),
// cannot open windows or navigate the top page. A Content-Security-Policy at the top of it (and the
// frame's own, scripts/serve.mjs) stops it from loading anything from the network (there is nothing
// on the learner's own localhost it should reach); what it needs from the guest is inlined first.
//
// Not a srcdoc: a srcdoc document inherits the site page's policy, which (scripts/serve.mjs) allows
// only the site's own inline scripts by hash, so no script of the previewed page could run.
//
// Links and forms: a small script at the top of the document catches clicks on links and form
// submissions and posts { href, method, body } to the page, which checks them (same port only),
// fetches through the agent and renders the answer. The page trusts nothing else from the frame.

import type { PreviewResponse } from "./http";

/** Names the messages from the preview frame to the page. */
export const PREVIEW_CHANNEL = "dbl-preview";

/** The preview document's own policy: inline code and data: only, nothing from any network. */
export const PREVIEW_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; media-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** The frame's address: it asks for its document ("frame-ready") and writes what it is sent ("show"). */
export const PREVIEW_FRAME_URL = "/preview-frame.html";

/** The iframe's sandbox flags: scripts and forms run, in an opaque origin, with nothing else. */
export const PREVIEW_SANDBOX = "allow-scripts allow-forms";

export interface NavigateRequest {
  method: "GET" | "POST";
  /** The link's href or the form's action, as written in the page. */
  href: string;
  /** A form's fields, application/x-www-form-urlencoded. */
  body?: string;
}

/** True for the frame's "send me the document" message. */
export function isFrameReady(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  try {
    const d = data as Record<string, unknown>;
    return d.channel === PREVIEW_CHANNEL && d.type === "frame-ready";
  } catch {
    return false;
  }
}

/** The message that gives the frame its document. */
export function showMessage(html: string) {
  return { channel: PREVIEW_CHANNEL, type: "show", html };
}

/** A navigation message from the frame, or null for anything else. */
export function readNavigateMessage(data: unknown): NavigateRequest | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  try {
    const d = data as Record<string, unknown>;
    if (d.channel !== PREVIEW_CHANNEL || d.type !== "navigate") return null;
    if (d.method !== "GET" && d.method !== "POST") return null;
    if (typeof d.href !== "string" || d.href.length > 2048) return null;
    if (d.body !== undefined && (typeof d.body !== "string" || d.body.length > 64 * 1024)) return null;
    return { method: d.method, href: d.href, body: d.body as string | undefined };
  } catch {
    return null;
  }
}

/**
 * The request target ("/path?query") that `href` means on a page at `current` on `port`, or null
 * when it leaves that server (another host or port, another scheme).
 */
export function resolveTarget(port: number, current: string, href: string): string | null {
  const origin = `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(href, origin + current);
  } catch {
    return null;
  }
  const sameServer =
    url.protocol === "http:" && (url.port === String(port) || (port === 80 && url.port === "")) && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  if (!sameServer) return null;
  return url.pathname + url.search;
}

/** The target of a GET form: the action's path with the fields as its query. */
export function formGetTarget(target: string, fields: string): string {
  const path = target.split("?")[0];
  return fields ? `${path}?${fields}` : path;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The script put at the top of a previewed HTML document (it runs in the sandboxed frame). */
export function navigationScript(): string {
  return `(function(){
var C=${JSON.stringify(PREVIEW_CHANNEL)};
function go(m,h,b){parent.postMessage({channel:C,type:"navigate",method:m,href:h,body:b},"*");}
document.addEventListener("click",function(e){
var a=e.target&&e.target.closest?e.target.closest("a[href]"):null;
if(!a||e.defaultPrevented||e.button!==0)return;
var h=a.getAttribute("href")||"";if(h.charAt(0)==="#")return;
e.preventDefault();go("GET",h);});
document.addEventListener("submit",function(e){
var f=e.target;if(e.defaultPrevented)return;e.preventDefault();
var m=String(f.getAttribute("method")||"get").toUpperCase()==="POST"?"POST":"GET";
var q=new URLSearchParams(new FormData(f,e.submitter||undefined)).toString();
go(m,f.getAttribute("action")||"",q);});
})();`;
}

function head(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><script>${navigationScript()}</script>`;
}

/** The charset a response declares (default UTF-8). */
function charsetOf(contentType: string): string {
  return /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
}

function decode(body: Uint8Array, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body);
  } catch {
    return new TextDecoder().decode(body);
  }
}

export function isHtml(response: PreviewResponse): boolean {
  const type = (response.headers["content-type"] ?? "").toLowerCase();
  if (type) return type.includes("text/html") || type.includes("application/xhtml");
  return /^\s*(<!doctype html|<html|<head|<body|<h1|<p\b|<div)/i.test(new TextDecoder().decode(response.body.subarray(0, 200)));
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A data: URL of a response body, for an image or a font inlined into the preview. */
export function dataUrl(response: PreviewResponse): string {
  const type = (response.headers["content-type"] ?? "application/octet-stream").split(";")[0].trim();
  return `data:${type};base64,${toBase64(response.body)}`;
}

/**
 * The srcdoc for a response: an HTML page with the policy and the navigation script put first
 * (before anything of the page's own can run); an image as an image; text as text; anything else
 * as a sentence.
 */
export function srcdocFor(response: PreviewResponse, html?: string): string {
  const type = (response.headers["content-type"] ?? "").toLowerCase();
  if (html !== undefined || isHtml(response)) {
    const text = html ?? decode(response.body, type);
    return `<!doctype html>${head()}${text.replace(/^\s*<!doctype[^>]*>/i, "")}`;
  }
  const page = (body: string) =>
    `<!doctype html>${head()}<style>body{margin:0;padding:12px;font:13px/1.5 ui-monospace,monospace;color:#0f172a;background:#fff}pre{white-space:pre-wrap;word-break:break-word;margin:0}img{max-width:100%}</style>${body}`;
  if (type.startsWith("image/")) return page(`<img alt="" src="${dataUrl(response)}">`);
  if (type.startsWith("text/") || type.includes("json") || type.includes("javascript") || type.includes("xml") || type === "") {
    return page(`<pre>${escapeHtml(decode(response.body, type))}</pre>`);
  }
  return page(`<p>${escapeHtml(type)}: ${response.body.length} bytes</p>`);
}
