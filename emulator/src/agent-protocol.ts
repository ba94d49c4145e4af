// Framing of the control channel between the host and the guest agent on ttyS1
// (emulator/guest/overlay/usr/local/lib/dbl/agent).
//   request:  "<nonce> <timeout-seconds> <base64 script>\n"
//   reply:    "@@DBL-REPLY <nonce> <exit code> <base64 stdout> <base64 stderr>\n"
// Answered by the agent's loop itself (no script, a few processes), in order, with an empty reply:
//   ping:     "<nonce> ping\n" (exit code 0)
//   winsize:  "<nonce> winsize <rows> <cols>\n" (stty's exit code)

export interface AgentReply {
  nonce: string;
  exitCode: number;
  stdout: string;
  stdoutBytes: Uint8Array;
  stderr: string;
}

const REPLY_PREFIX = "@@DBL-REPLY ";
const MAX_LINE_BYTES = 64 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A nonce is one word of letters and digits: anything else could break the line framing. */
function assertNonce(nonce: string): void {
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error(`invalid nonce: ${nonce}`);
}

export function encodeRequest(nonce: string, timeoutSeconds: number, script: string): Uint8Array {
  assertNonce(nonce);
  const seconds = Math.max(1, Math.ceil(timeoutSeconds));
  return encoder.encode(`${nonce} ${seconds} ${bytesToBase64(encoder.encode(script))}\n`);
}

/** A ping: the agent answers it without running a script, so the answer only proves it runs. */
export function encodePing(nonce: string): Uint8Array {
  assertNonce(nonce);
  return encoder.encode(`${nonce} ping\n`);
}

/** Sets the console's (ttyS0's) size without a script. */
export function encodeWinsize(nonce: string, size: { rows: number; cols: number }): Uint8Array {
  assertNonce(nonce);
  const dimension = (n: number) => Math.max(1, Math.min(9999, Math.floor(n) || 1));
  return encoder.encode(`${nonce} winsize ${dimension(size.rows)} ${dimension(size.cols)}\n`);
}

export function newNonce(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Collects bytes from ttyS1 and emits each complete reply; anything else on the line is ignored. */
export class ReplyParser {
  private line: number[] = [];

  constructor(private readonly onReply: (reply: AgentReply) => void) {}

  push(byte: number): void {
    if (byte !== 0x0a) {
      if (this.line.length < MAX_LINE_BYTES) this.line.push(byte);
      return;
    }
    const text = decoder.decode(new Uint8Array(this.line));
    this.line = [];
    const reply = parseReplyLine(text);
    if (reply) this.onReply(reply);
  }
}

export function parseReplyLine(line: string): AgentReply | null {
  const start = line.indexOf(REPLY_PREFIX);
  if (start < 0) return null;
  const match = /^([A-Za-z0-9]+) (\d+) ([A-Za-z0-9+/=]*) ([A-Za-z0-9+/=]*)\r?$/.exec(line.slice(start + REPLY_PREFIX.length));
  if (!match) return null;
  const stdoutBytes = base64ToBytes(match[3]);
  return {
    nonce: match[1],
    exitCode: Number(match[2]),
    stdout: decoder.decode(stdoutBytes),
    stdoutBytes,
    stderr: decoder.decode(base64ToBytes(match[4])),
  };
}
