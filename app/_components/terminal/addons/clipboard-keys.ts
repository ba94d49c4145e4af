// An xterm addon for the clipboard keys of a terminal: Ctrl+Shift+C copies the selection and
// Ctrl+Shift+V pastes; xterm never sees these keys (Ctrl+C stays the guest's interrupt). Most
// browsers turn Ctrl+Shift+V into a native paste event, which xterm handles itself; when none
// arrives within 150 ms, the clipboard is read here instead.

import { CAPTURE, type PasteHost } from "./large-paste";

/** The part of xterm's Terminal the addon uses. */
export interface KeyTerminal {
  attachCustomKeyEventHandler(handler: (event: KeyboardEvent) => boolean): void;
  hasSelection(): boolean;
  getSelection(): string;
}

export interface ClipboardKeysOptions {
  /** Where native paste events arrive (the element xterm is opened in). */
  host: PasteHost;
  copy(text: string): void;
  /** Reads the clipboard; null when the browser refuses. */
  read(): Promise<string | null>;
  /** Pastes text read from the clipboard (the page's paste: large ones ask first). */
  paste(text: string): void;
  /** The clipboard could not be read. */
  onReadRefused(): void;
  timers?: Pick<typeof globalThis, "setTimeout" | "clearTimeout">;
}

/** How long a native paste event may take to follow Ctrl+Shift+V. */
export const NATIVE_PASTE_WAIT_MS = 150;

export class ClipboardKeys {
  private pasteEventSeen = false;
  private waiting: ReturnType<typeof setTimeout> | undefined;
  private active = false;

  constructor(private readonly options: ClipboardKeysOptions) {}

  activate(term: KeyTerminal): void {
    this.active = true;
    this.options.host.addEventListener("paste", this.onPasteEvent, CAPTURE);
    term.attachCustomKeyEventHandler((event) => (this.active ? this.onKey(term, event) : true));
  }

  dispose(): void {
    this.active = false;
    this.options.host.removeEventListener("paste", this.onPasteEvent, CAPTURE);
    (this.options.timers ?? globalThis).clearTimeout(this.waiting);
  }

  private readonly onPasteEvent = (): void => {
    this.pasteEventSeen = true;
  };

  /** False for the keys handled here, so that xterm does not see them. */
  private onKey(term: KeyTerminal, event: KeyboardEvent): boolean {
    if (event.type !== "keydown" || !event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return true;
    if (event.code === "KeyC") {
      event.preventDefault();
      if (term.hasSelection()) this.options.copy(term.getSelection());
      return false;
    }
    if (event.code === "KeyV") {
      this.pasteEventSeen = false;
      const timers = this.options.timers ?? globalThis;
      timers.clearTimeout(this.waiting);
      this.waiting = timers.setTimeout(() => {
        if (this.pasteEventSeen || !this.active) return;
        void this.options.read().then((text) => {
          if (text === null) this.options.onReadRefused();
          else this.options.paste(text);
        });
      }, NATIVE_PASTE_WAIT_MS);
      return false;
    }
    return true;
  }
}
