// Test-only: lets a test without the guest play the guest's part for the real terminal. It is
// installed only when sessionStorage "dbl:test:mode" is set (Playwright sets it before the page
// loads; no code of the site ever does). It adds nothing a script on this origin could not do
// anyway, and a visitor's browser never has that key.
//
//   window.__dblTerminalTest.write(text)    bytes into xterm, as the guest's console output arrives
//   window.__dblTerminalTest.sent           what the terminal sent to the guest (paced, with times)
//   window.__dblTerminalTest.writtenBytes   bytes written into xterm so far (the guest's console too)

import type { Terminal } from "@xterm/xterm";
import { testMode } from "@/app/_test-hooks/mode";
import { createTerminalAdapter } from "./adapter";

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
    __dblTerminalTest?: TerminalTestHook;
  }
}

/** Installs the hook if in test mode; returns its uninstaller. */
export function installTerminalTestHook(xterm: Terminal): () => void {
  if (!testMode()) return () => {};
  const encoder = new TextEncoder();
  const adapter = createTerminalAdapter(xterm);
  const sent: TerminalTestHook["sent"] = [];
  adapter.onInput((data) => sent.push({ at: performance.now(), data }));
  // Counted on the instance, so every writer (the guest's console adapter too) is seen.
  let writtenBytes = 0;
  const write = xterm.write.bind(xterm);
  xterm.write = (data, callback) => {
    writtenBytes += data.length;
    write(data, callback);
  };
  window.__dblTerminalTest = {
    write: (text) => new Promise((resolve) => xterm.write(encoder.encode(text), resolve)),
    sent,
    get writtenBytes() {
      return writtenBytes;
    },
    get cols() {
      return xterm.cols;
    },
    get rows() {
      return xterm.rows;
    },
    screen() {
      const box = xterm.element!.querySelector(".xterm-screen")!.getBoundingClientRect();
      return { left: box.left, top: box.top, width: box.width, height: box.height };
    },
  };
  return () => {
    adapter.dispose();
    xterm.write = write;
    delete window.__dblTerminalTest;
  };
}
