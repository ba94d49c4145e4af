// The preview's transport: one HTTP request from the page to a port in the guest, carried by the
// agent on ttyS1 (Sandbox.exec). The guest's bash opens the connection itself (/dev/tcp), writes
// the request and returns the raw response as the script's stdout. No network device, no TCP
// stack in JavaScript: the request is one exec, like an exercise check.
//
// Plain TypeScript with no DOM or React imports, so every rule here is unit-tested:
//   requestScript(request)       -> the bash script that makes the request in the guest
//   parseResponse(bytes)         -> status, headers and body of a raw HTTP/1.x response
//   fetchFromGuest(sandbox, req) -> a response, or why there is none (refused, timeout, too large)

import type { ExecOptions, ExecResult } from "@/emulator/browser";

/** The largest response the preview takes (status line, headers and body). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** The largest request body (a form post). */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
/** How long the server in the guest has to send its whole response. */
export const RESPONSE_TIMEOUT_S = 10;
/** How long the page waits for the agent's reply (the guest may be busy with the learner's command). */
export const EXEC_TIMEOUT_MS = 20_000;

export type PreviewMethod = "GET" | "POST";

export interface PreviewRequest {
  port: number;
  method: PreviewMethod;
  /** Path and query, starting with "/". */
  target: string;
  /** For a POST: the form's fields, already encoded as application/x-www-form-urlencoded. */
  body?: string;
}

export interface PreviewResponse {
  status: number;
  statusText: string;
  /** Header names in lower case; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

export type PreviewFailure =
  | { kind: "refused" } // nothing listens on the port
  | { kind: "timeout" } // the server did not finish its response in time
  | { kind: "too-large" } // the response is over MAX_RESPONSE_BYTES
  | { kind: "bad-response"; detail: string } // not HTTP
  | { kind: "bad-request"; detail: string } // the page asked for something it may not
  | { kind: "unavailable"; detail: string }; // the machine did not answer

export type PreviewResult = { ok: true; response: PreviewResponse; ms: number } | { ok: false; failure: PreviewFailure };

/** Exit codes of the request script, besides the response itself. */
const EXIT_REFUSED = 7;
const EXIT_TOO_LARGE = 8;
const EXIT_KILLED = 137; // timeout -s KILL

export function isValidPort(port: unknown): port is number {
  return typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** A request target the preview may send: "/" then printable ASCII without spaces, at most 2 KiB. */
export function isValidTarget(target: unknown): target is string {
  return typeof target === "string" && target.length <= 2048 && /^\/[\x21-\x7e]*$/.test(target);
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** The raw HTTP/1.0 request (so the server closes the connection and never sends chunks). */
export function requestBytes(request: PreviewRequest): Uint8Array {
  const body = new TextEncoder().encode(request.method === "POST" ? (request.body ?? "") : "");
  const lines = [
    `${request.method} ${request.target} HTTP/1.0`,
    `Host: localhost:${request.port}`,
    "User-Agent: docker-browser-lab-preview",
    "Accept: */*",
    "Connection: close",
  ];
  if (request.method === "POST") {
    lines.push("Content-Type: application/x-www-form-urlencoded", `Content-Length: ${body.length}`);
  }
  const head = new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n");
  const all = new Uint8Array(head.length + body.length);
  all.set(head);
  all.set(body, head.length);
  return all;
}

/**
 * The script the agent runs. Only digits and base64 are put into it, never the page's text.
 * bash connects (exit 7 when refused), writes the request, and keeps at most one byte more than
 * the cap in a file, killed if the server takes longer than the timeout (exit 137). A response over
 * the cap never crosses the serial line (exit 8); otherwise the file is the script's output.
 */
export function requestScript(request: PreviewRequest): string {
  if (!isValidPort(request.port)) throw new Error("bad port");
  if (!isValidTarget(request.target)) throw new Error("bad target");
  return [
    `exec 3<>/dev/tcp/127.0.0.1/${request.port} 2>/dev/null || exit ${EXIT_REFUSED}`,
    "f=$(mktemp)",
    `printf %s '${base64(requestBytes(request))}' | base64 -d >&3`,
    `timeout -s KILL ${RESPONSE_TIMEOUT_S} head -c ${MAX_RESPONSE_BYTES + 1} <&3 >"$f"`,
    "code=$?",
    `[ "$code" = 0 ] || { rm -f "$f"; exit "$code"; }`,
    `[ "$(stat -c %s "$f")" -le ${MAX_RESPONSE_BYTES} ] || { rm -f "$f"; exit ${EXIT_TOO_LARGE}; }`,
    `cat "$f"; rm -f "$f"`,
    "",
  ].join("\n");
}

function indexOfHeaderEnd(bytes: Uint8Array): { end: number; sep: number } | null {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) return { end: i, sep: 2 };
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a && bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) return { end: i, sep: 4 };
  }
  return null;
}

/** A chunked body, decoded; null if it is not well formed. */
export function decodeChunked(bytes: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    let lineEnd = at;
    while (lineEnd < bytes.length && bytes[lineEnd] !== 0x0a) lineEnd++;
    if (lineEnd >= bytes.length) return null;
    const sizeText = new TextDecoder().decode(bytes.subarray(at, lineEnd)).split(";")[0].trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return null;
    const size = parseInt(sizeText, 16);
    at = lineEnd + 1;
    if (size === 0) break;
    if (at + size > bytes.length) return null;
    parts.push(bytes.subarray(at, at + size));
    at += size;
    if (bytes[at] === 0x0d) at++;
    if (bytes[at] === 0x0a) at++;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Status, headers and body of a raw HTTP/1.x response; a string saying why when it is not one. */
export function parseResponse(bytes: Uint8Array): PreviewResponse | string {
  const split = indexOfHeaderEnd(bytes);
  if (!split) return "no end of headers";
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, split.end));
  const [statusLine, ...headerLines] = head.split(/\r?\n/);
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) return "no HTTP status line";
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let body = bytes.subarray(split.end + split.sep);
  if (/\bchunked\b/i.test(headers["transfer-encoding"] ?? "")) {
    const decoded = decodeChunked(body);
    if (!decoded) return "bad chunked body";
    body = decoded;
  } else if (headers["content-length"] && /^\d+$/.test(headers["content-length"])) {
    const length = Number(headers["content-length"]);
    if (length < body.length) body = body.subarray(0, length);
  }
  return { status: Number(match[1]), statusText: match[2] ?? "", headers, body: body.slice() };
}

/** Makes `request` in the guest. Never throws: a failure says what went wrong. */
export async function fetchFromGuest(
  exec: (script: string, options?: ExecOptions) => Promise<ExecResult>,
  request: PreviewRequest,
  now: () => number = () => performance.now(),
): Promise<PreviewResult> {
  if (!isValidPort(request.port)) return { ok: false, failure: { kind: "bad-request", detail: "port" } };
  if (!isValidTarget(request.target)) return { ok: false, failure: { kind: "bad-request", detail: "path" } };
  if (request.method !== "GET" && request.method !== "POST") return { ok: false, failure: { kind: "bad-request", detail: "method" } };
  if (new TextEncoder().encode(request.body ?? "").length > MAX_REQUEST_BODY_BYTES) {
    return { ok: false, failure: { kind: "bad-request", detail: "body too large" } };
  }
  const started = now();
  let result: ExecResult;
  try {
    result = await exec(requestScript(request), { timeoutMs: EXEC_TIMEOUT_MS });
  } catch (err) {
    return { ok: false, failure: { kind: "unavailable", detail: err instanceof Error ? err.message : String(err) } };
  }
  const ms = now() - started;
  if (result.timedOut) return { ok: false, failure: { kind: "unavailable", detail: "no answer from the machine" } };
  if (result.exitCode === EXIT_REFUSED) return { ok: false, failure: { kind: "refused" } };
  if (result.exitCode === EXIT_TOO_LARGE) return { ok: false, failure: { kind: "too-large" } };
  if (result.exitCode === EXIT_KILLED) return { ok: false, failure: { kind: "timeout" } };
  const bytes = result.stdoutBytes ?? new TextEncoder().encode(result.stdout);
  if (bytes.length > MAX_RESPONSE_BYTES) return { ok: false, failure: { kind: "too-large" } };
  if (bytes.length === 0) return { ok: false, failure: { kind: "bad-response", detail: "empty response" } };
  const parsed = parseResponse(bytes);
  if (typeof parsed === "string") return { ok: false, failure: { kind: "bad-response", detail: parsed } };
  return { ok: true, response: parsed, ms };
}
