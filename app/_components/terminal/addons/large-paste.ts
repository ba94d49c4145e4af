// An xterm addon that stops a very large paste before xterm takes it, so the learner can be asked
// first: xterm would rewrite and copy the whole text on the page's thread, then send it all. A
// paste up to LARGE_PASTE_BYTES goes on to xterm untouched (bracketed, then paced by the adapter).

import { LARGE_PASTE_BYTES, utf8Length } from "../paced-input";

/** The element xterm is opened in: the paste is caught there, on its way down to xterm's own. */
export interface PasteHost {
  addEventListener(type: "paste", listener: (event: ClipboardEvent) => void, options: { capture: boolean }): void;
  removeEventListener(type: "paste", listener: (event: ClipboardEvent) => void, options: { capture: boolean }): void;
}

/** Paste events are heard on their way down, before xterm's own listener. */
export const CAPTURE = { capture: true };

/** The UTF-8 size of a paste worth counting: short texts cannot be large (a unit is at most 3 bytes). */
export function pasteBytes(text: string): number {
  return text.length > LARGE_PASTE_BYTES / 3 ? utf8Length(text) : 0;
}

export class LargePasteGuard {
  constructor(
    private readonly host: PasteHost,
    /** Gets the paste that xterm did not: the page asks, then pastes it its own way. */
    private readonly onLargePaste: (text: string, bytes: number) => void,
  ) {}

  activate(): void {
    this.host.addEventListener("paste", this.onPaste, CAPTURE);
  }

  dispose(): void {
    this.host.removeEventListener("paste", this.onPaste, CAPTURE);
  }

  private readonly onPaste = (event: ClipboardEvent): void => {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    const bytes = pasteBytes(text);
    if (bytes <= LARGE_PASTE_BYTES) return;
    event.preventDefault();
    event.stopPropagation();
    this.onLargePaste(text, bytes);
  };
}
