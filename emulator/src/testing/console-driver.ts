// Drives the guest's serial console the way a learner does: types a command line, waits for the
// shell's prompt to come back (OSC 133 marks), and returns what the screen showed meanwhile.

import type { Sandbox, TerminalLike } from "../sandbox";

const ANSI = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

export class ConsoleDriver implements TerminalLike {
  cols = 120;
  rows = 40;
  /** Everything the console printed since attach, raw. */
  output = "";
  private decoder = new TextDecoder();
  private inputListener: ((data: string) => void) | null = null;
  private readonly detach: () => void;

  constructor(private readonly sandbox: Sandbox) {
    this.detach = sandbox.attachTerminal(this);
  }

  write(data: Uint8Array): void {
    this.output += this.decoder.decode(data, { stream: true });
  }

  onInput(listener: (data: string) => void) {
    this.inputListener = listener;
    return () => (this.inputListener = null);
  }

  onResize() {
    return () => {};
  }

  /** Types `command` and Enter; resolves with the command's screen output (ANSI removed). */
  async run(command: string, timeoutMs = 300_000): Promise<{ text: string; ms: number }> {
    const start = this.output.length;
    const started = Date.now();
    const done = new Promise<void>((resolve, reject) => {
      let sawStart = false;
      const timer = setTimeout(() => {
        off();
        reject(new Error(`\`${command}\` did not return to the prompt within ${timeoutMs} ms:\n${stripAnsi(this.output.slice(start))}`));
      }, timeoutMs);
      const off = this.sandbox.busy.subscribe((busy) => {
        if (busy) sawStart = true;
        else if (sawStart) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    if (!this.inputListener) throw new Error("console not attached");
    this.inputListener(command + "\r");
    await done;
    // Keep what the command printed: drop the echoed command line and the new prompt.
    const lines = stripAnsi(this.output.slice(start)).split("\n");
    return { text: lines.slice(1, -1).join("\n") + (lines.length > 2 ? "\n" : ""), ms: Date.now() - started };
  }

  dispose(): void {
    this.detach();
  }
}
