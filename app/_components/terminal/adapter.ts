// Turns an xterm.js Terminal into the small TerminalLike the sandbox talks to.
// Typed structurally (only what we use), so unit tests can pass a fake terminal.
import type { TerminalLike } from "@/emulator/browser";
import { PacedInput, type PacedInputOptions } from "./paced-input";

interface XtermDisposable {
  dispose(): void;
}
type XtermEvent<T> = (listener: (value: T) => void) => XtermDisposable;

/** The subset of @xterm/xterm's Terminal the adapter needs. */
export interface XtermLike {
  write(data: string | Uint8Array, callback?: () => void): void;
  readonly onData: XtermEvent<string>;
  readonly onResize: XtermEvent<{ cols: number; rows: number }>;
  readonly cols: number;
  readonly rows: number;
  /** Whether the shell asked for bracketed paste. */
  readonly modes: { readonly bracketedPasteMode: boolean };
}

export interface TerminalAdapter extends TerminalLike {
  /** Ends every subscription the adapter made on the terminal and drops queued input. */
  dispose(): void;
}

/** The paced inputs of every adapter of a terminal: each listens to it, as to its onData. */
const pacedInputs = new WeakMap<XtermLike, Set<PacedInput>>();

/**
 * A paste too big to hand to xterm at once (a large one, confirmed): it goes to every adapter of
 * `term` the way xterm's onData would, but as it is (see PacedInput.pushPaste).
 */
export function pasteLarge(term: XtermLike, text: string): void {
  for (const paced of pacedInputs.get(term) ?? []) paced.pushPaste(text, term.modes.bracketedPasteMode);
}

/**
 * `pacing`: how input reaches the guest (see paced-input.ts); tests pass a manual clock.
 * `transformInput`: what typed input becomes on its way (the key row's Ctrl, ctrl-latch.ts).
 */
export function createTerminalAdapter(
  term: XtermLike,
  pacing?: PacedInputOptions,
  transformInput: (data: string) => string = (data) => data,
): TerminalAdapter {
  const subscriptions = new Set<XtermDisposable>();
  let disposed = false;

  function track(sub: XtermDisposable): () => void {
    if (disposed) {
      sub.dispose();
      return () => {};
    }
    subscriptions.add(sub);
    return () => {
      if (subscriptions.delete(sub)) sub.dispose();
    };
  }

  return {
    // xterm calls back once it has parsed the data: the sandbox's flow control waits for that.
    flowControl: true,
    write(data, written) {
      if (!disposed) term.write(data, written);
      else written?.();
    },
    onInput(listener) {
      // What is typed or pasted reaches the guest in paced chunks, never all at once.
      const paced = new PacedInput(listener, pacing);
      const unsubscribe = track(term.onData((data) => paced.push(transformInput(data))));
      if (!disposed) {
        if (!pacedInputs.has(term)) pacedInputs.set(term, new Set());
        pacedInputs.get(term)!.add(paced);
      }
      const stop = {
        dispose: () => {
          paced.cancel();
          pacedInputs.get(term)?.delete(paced);
        },
      };
      track(stop); // disposing the adapter drops queued input too
      return () => {
        stop.dispose();
        unsubscribe();
        subscriptions.delete(stop);
      };
    },
    onResize(listener) {
      return track(term.onResize(({ cols, rows }) => listener({ cols, rows })));
    },
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    dispose() {
      disposed = true;
      for (const sub of subscriptions) sub.dispose();
      subscriptions.clear();
    },
  };
}

/** The whole buffer (scrollback + screen) as plain text, trailing blanks trimmed. */
export function bufferText(term: {
  buffer: { active: { length: number; getLine(i: number): { translateToString(trimRight?: boolean): string } | undefined } };
}): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}
