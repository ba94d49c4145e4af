// Requests to the guest's agent on the second serial port (ttyS1) and their replies, framed by
// agent-protocol.ts: a script run with a timeout, or a request the agent's loop answers itself
// (ping, winsize). Replies are matched to requests by nonce. With no emulator connected a script
// is refused and a loop request answers false; when the emulator goes away, every open request
// ends at once as stopped (exit code -1), so nobody waits for a reply that cannot come.

import { encodePing, encodeRequest, encodeWinsize, newNonce, ReplyParser, type AgentReply } from "./agent-protocol";
import type { ExecOptions, ExecResult } from "./sandbox";

const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

export class AgentChannel {
  private send: ((bytes: Uint8Array) => void) | null = null;
  private parser: ReplyParser | null = null;
  private readonly pending = new Map<string, (reply: AgentReply) => void>();

  /** `onReply` hears of every reply, awaited or not: a sign of life. */
  constructor(private readonly onReply: () => void = () => {}) {}

  /** Talks to a new emulator from now on; `send` writes to its ttyS1. */
  connect(send: (bytes: Uint8Array) => void): void {
    this.disconnect();
    this.send = send;
    this.parser = new ReplyParser((reply) => {
      this.onReply();
      this.pending.get(reply.nonce)?.(reply);
    });
  }

  /** A byte the guest wrote to ttyS1. */
  push(byte: number): void {
    this.parser?.push(byte);
  }

  /** The emulator went away: every open request ends as stopped. */
  disconnect(): void {
    this.send = null;
    this.parser = null;
    for (const [nonce, answer] of [...this.pending]) {
      answer({ nonce, exitCode: -1, stdout: "", stdoutBytes: new Uint8Array(), stderr: "The machine was stopped." });
    }
    this.pending.clear();
  }

  /** Runs a shell script in the guest; resolves `timedOut` if no reply comes within the timeout. */
  exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const send = this.send;
    if (!send) return Promise.reject(new Error("The machine is not running."));
    const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const { signal } = options;
    const nonce = newNonce();
    return new Promise<ExecResult>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.pending.delete(nonce);
      };
      const timer = setTimeout(() => {
        finish();
        resolve({ exitCode: -1, stdout: "", stderr: "", timedOut: true });
      }, timeoutMs);
      const onAbort = () => {
        finish();
        reject(signal?.reason ?? new DOMException("Aborted", "AbortError"));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(nonce, (reply) => {
        finish();
        const { exitCode, stdout, stdoutBytes, stderr } = reply;
        resolve({ exitCode, stdout, stdoutBytes, stderr, timedOut: false });
      });
      send(encodeRequest(nonce, timeoutMs / 1000, script));
    });
  }

  /** True when the agent's loop answers within `timeoutMs`: the guest's user space runs. */
  ping(timeoutMs: number): Promise<boolean> {
    return this.loopRequest(encodePing, timeoutMs);
  }

  /** Sets the console's (ttyS0's) size with one `stty` in the agent's loop; true when it did. */
  setWinsize(size: { cols: number; rows: number }, timeoutMs: number): Promise<boolean> {
    return this.loopRequest((nonce) => encodeWinsize(nonce, size), timeoutMs);
  }

  /** A request the agent's loop answers itself: true when it answered in time with exit code 0. */
  private loopRequest(encode: (nonce: string) => Uint8Array, timeoutMs: number): Promise<boolean> {
    const send = this.send;
    if (!send) return Promise.resolve(false);
    const nonce = newNonce();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(nonce);
        resolve(false);
      }, timeoutMs);
      this.pending.set(nonce, (reply) => {
        clearTimeout(timer);
        this.pending.delete(nonce);
        resolve(reply.exitCode === 0); // -1: the machine was stopped meanwhile
      });
      send(encode(nonce));
    });
  }
}
