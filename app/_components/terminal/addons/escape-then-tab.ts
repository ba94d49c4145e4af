// An xterm addon that gives the keyboard a way out of the terminal: the terminal takes Tab (the
// shell completes with it), so Esc then Tab leaves it, as in CodeMirror. Esc is held back for a
// moment: when Tab (or Shift+Tab) comes next, neither reaches the guest and the browser moves the
// focus on; when any other key comes, or ESCAPE_WINDOW_MS pass, the Esc goes to the guest first,
// so vi, less and the shell's Esc-prefixed keys work as before. (An Esc sent at once would leave
// bash waiting to read the next key as Meta+key.)

/** The element xterm is opened in: keys are caught there, on their way down to xterm's textarea. */
export interface KeyHost {
  addEventListener(type: "keydown", listener: (event: KeyboardEvent) => void, options: { capture: boolean }): void;
  removeEventListener(type: "keydown", listener: (event: KeyboardEvent) => void, options: { capture: boolean }): void;
}

/** The part of xterm's Terminal the addon uses: where a held Esc is sent (as if typed). */
export interface InputTerminal {
  input(data: string, wasUserInput?: boolean): void;
}

/** How long after Esc a Tab leaves the terminal. */
export const ESCAPE_WINDOW_MS = 2000;

const CAPTURE = { capture: true };
const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta", "AltGraph", "CapsLock"]);

export interface EscapeThenTabOptions {
  /** Told when an Esc is held (Tab now leaves) and when it no longer is. */
  onArmed?(armed: boolean): void;
  timers?: Pick<typeof globalThis, "setTimeout" | "clearTimeout">;
}

export class EscapeThenTab {
  private term: InputTerminal | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private held = false;

  constructor(
    private readonly host: KeyHost,
    private readonly options: EscapeThenTabOptions = {},
  ) {}

  activate(term: InputTerminal): void {
    this.term = term;
    this.host.addEventListener("keydown", this.onKeyDown, CAPTURE);
  }

  dispose(): void {
    this.host.removeEventListener("keydown", this.onKeyDown, CAPTURE);
    this.release(false);
    this.term = null;
  }

  private get timers() {
    return this.options.timers ?? globalThis;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (this.held) {
      if (MODIFIERS.has(event.key)) return; // Shift on its way to Shift+Tab
      if (event.key === "Tab" && plain) {
        // Not to xterm (it would send a Tab); the browser's default moves the focus.
        event.stopPropagation();
        this.release(false);
        return;
      }
      this.release(true); // the Esc first, then this key as usual
    }
    if (event.key === "Escape" && plain && !event.shiftKey) {
      event.stopPropagation();
      event.preventDefault();
      this.hold();
    }
  };

  private hold(): void {
    this.held = true;
    this.timer = this.timers.setTimeout(() => this.release(true), ESCAPE_WINDOW_MS);
    this.options.onArmed?.(true);
  }

  /** Ends the hold; `send` passes the held Esc on to the guest. */
  private release(send: boolean): void {
    if (!this.held) return;
    this.held = false;
    this.timers.clearTimeout(this.timer);
    if (send) this.term?.input("\x1b");
    this.options.onArmed?.(false);
  }
}
