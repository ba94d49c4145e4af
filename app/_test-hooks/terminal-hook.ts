// An xterm addon through which tests read and play the real terminal. Always installed:
//   window.__dblTerminalText()               the buffer as text (e2e tests read the real screen)
// Only in test mode (mode.ts), for tests without the guest:
//   window.__dblTerminalTest.write(text)     bytes into xterm, as the guest's console output arrives
//   window.__dblTerminalTest.sent            what the terminal sent to the guest (paced, with times)
//   window.__dblTerminalTest.writtenBytes    bytes written into xterm so far (the guest's console too)

import { bufferText, createTerminalAdapter, type XtermLike } from "@/app/_components/terminal/adapter";
import { testMode } from "./mode";

export interface TerminalTestHook {
  /** Writes UTF-8 bytes of `text` to the terminal; resolves once xterm has parsed them. */
  write(text: string): Promise<void>;
  /** Everything the terminal sent toward the guest, through the same paced adapter as the guest's. */
  sent: { at: number; data: string }[];
  /** Bytes (or UTF-16 units, for strings) written into xterm so far, from any source. */
  readonly writtenBytes: number;
  cols: number;
  rows: number;
  /** The terminal's screen in page coordinates, for clicking a cell. */
  screen(): { left: number; top: number; width: number; height: number };
}

declare global {
  interface Window {
    /** The terminal buffer as text (Playwright reads the real xterm buffer). */
    __dblTerminalText?: () => string;
    __dblTerminalTest?: TerminalTestHook;
  }
}

/** The part of xterm's Terminal the hook uses. */
export interface HookedTerminal extends XtermLike {
  write(data: string | Uint8Array, callback?: () => void): void;
  readonly buffer: Parameters<typeof bufferText>[0]["buffer"];
  readonly element: Pick<Element, "querySelector"> | undefined;
}

type HookTarget = Pick<Window, "__dblTerminalText" | "__dblTerminalTest">;

export class TerminalHookAddon {
  private uninstall: () => void = () => {};

  constructor(
    private readonly target: HookTarget = window,
    private readonly inTestMode: () => boolean = () => testMode() !== null,
  ) {}

  activate(term: HookedTerminal): void {
    const target = this.target;
    target.__dblTerminalText = () => bufferText(term);
    const uninstallTest = this.inTestMode() ? installTestHook(term, target) : () => {};
    this.uninstall = () => {
      uninstallTest();
      delete target.__dblTerminalText;
    };
  }

  dispose(): void {
    this.uninstall();
    this.uninstall = () => {};
  }
}

function installTestHook(term: HookedTerminal, target: HookTarget): () => void {
  const encoder = new TextEncoder();
  const adapter = createTerminalAdapter(term);
  const sent: TerminalTestHook["sent"] = [];
  adapter.onInput((data) => sent.push({ at: performance.now(), data }));
  // Counted on the instance, so every writer (the guest's console adapter too) is seen.
  let writtenBytes = 0;
  const write = term.write.bind(term);
  term.write = (data, callback) => {
    writtenBytes += data.length;
    write(data, callback);
  };
  target.__dblTerminalTest = {
    write: (text) => new Promise((resolve) => term.write(encoder.encode(text), resolve)),
    sent,
    get writtenBytes() {
      return writtenBytes;
    },
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    screen() {
      const box = term.element!.querySelector(".xterm-screen")!.getBoundingClientRect();
      return { left: box.left, top: box.top, width: box.width, height: box.height };
    },
  };
  return () => {
    adapter.dispose();
    term.write = write;
    delete target.__dblTerminalTest;
  };
}
