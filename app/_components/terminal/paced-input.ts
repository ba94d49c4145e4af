// Keystrokes and pastes on their way to the guest's serial console. The guest reads its console
// through a 4 KiB line buffer and runs slowly inside the emulator: a big paste sent in one go
// overruns it (characters are lost) and floods the emulator. So input larger than one chunk is
// sent in chunks of at most CHUNK_BYTES, one every INTERVAL_MS, in order; whatever is typed
// meanwhile waits its turn, and Ctrl+C drops the rest of the paste.

export const CHUNK_BYTES = 1024;
export const INTERVAL_MS = 25;
/** Pastes above this many bytes (UTF-8) ask first (XtermView). */
export const LARGE_PASTE_BYTES = 1024 * 1024;

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
const CTRL_C = "\x03";

/** UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD), counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if ((code & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++; // a surrogate pair: 2 units, 4 bytes
      bytes += 2;
    } else {
      bytes += code < 0x800 ? 1 : 2;
    }
  }
  return bytes;
}

/** Pasted line ends as a terminal sends them (what xterm's own paste does). */
function pastedLineEnds(text: string): string {
  return text.replace(/\r?\n/g, "\r");
}

/** Text queued as the learner pasted it: its line ends are rewritten piece by piece as it goes. */
interface RawPaste {
  readonly raw: string;
}

/**
 * Where the next piece of `text` from `start` ends: as many characters as fit in `maxBytes` of
 * UTF-8 (at least one), never inside a character.
 */
export function utf8PieceEnd(text: string, start: number, maxBytes: number): number {
  let bytes = 0;
  let i = start;
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes && i > start) break;
    bytes += size;
    i += code > 0xffff ? 2 : 1;
  }
  return i;
}

/** Seconds a paste of `bytes` takes at the paced rate (for the confirmation). */
export function pasteSeconds(bytes: number): number {
  return Math.max(1, Math.ceil((bytes / CHUNK_BYTES) * INTERVAL_MS / 1000));
}

export interface PacedInputOptions {
  chunkBytes?: number;
  intervalMs?: number;
  /** For tests: a timer. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Sends input in order at no more than `chunkBytes` per `intervalMs`. After each piece it waits in
 * proportion to the piece's size, so keystrokes (a few bytes) go out at once and only big pastes
 * are spread out. The bracketed-paste markers are queued whole, never split. A paste is cut into
 * pieces as they go out, not up front: cutting 10 MB at once held the page for 60-80 ms.
 */
export class PacedInput {
  private queue: Array<string | RawPaste> = [];
  /** How much of the queue's first entry has gone out already. */
  private headOffset = 0;
  private timer: unknown = null;
  /** A bracketed paste's start marker went out and its end marker has not. */
  private insidePaste = false;
  private readonly chunkBytes: number;
  private readonly intervalMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly send: (data: string) => void,
    options: PacedInputOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    this.intervalMs = options.intervalMs ?? INTERVAL_MS;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Entries (keystrokes, pastes, paste markers) still waiting. */
  get pending(): number {
    return this.queue.length;
  }

  push(data: string): void {
    if (data === CTRL_C && this.queue.length > 0) {
      // Interrupt: drop the rest of the paste, but leave the shell out of paste mode.
      this.cancel();
      if (this.insidePaste) this.send(PASTE_END);
      this.insidePaste = false;
      this.send(CTRL_C);
      return;
    }
    if (data.length > PASTE_START.length + PASTE_END.length && data.startsWith(PASTE_START) && data.endsWith(PASTE_END)) {
      this.queue.push(PASTE_START, data.slice(PASTE_START.length, -PASTE_END.length), PASTE_END);
    } else {
      this.queue.push(data);
    }
    if (this.timer === null) this.drain();
  }

  /**
   * A paste that has not been through xterm (a large one, confirmed): bracketed if the shell asked
   * for it, line ends rewritten piece by piece as it goes out. xterm's own paste rewrites and copies
   * the whole text at once: 10 MB held the page for a third of a second on a slow machine.
   */
  pushPaste(text: string, bracketed: boolean): void {
    if (!text) return;
    if (bracketed) this.queue.push(PASTE_START, { raw: text }, PASTE_END);
    else this.queue.push({ raw: text });
    if (this.timer === null) this.drain();
  }

  /** Drops everything queued (the terminal went away, or Ctrl+C). */
  cancel(): void {
    this.queue = [];
    this.headOffset = 0;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private drain = (): void => {
    this.timer = null;
    for (let piece = this.nextPiece(); piece !== undefined; piece = this.nextPiece()) {
      if (piece === PASTE_START) this.insidePaste = true;
      else if (piece === PASTE_END) this.insidePaste = false;
      this.send(piece);
      const wait = (this.intervalMs * utf8Length(piece)) / this.chunkBytes;
      if (wait >= 1) {
        this.timer = this.setTimer(this.drain, wait);
        return;
      }
    }
  };

  /** The next piece to send, cut from the first entry (markers whole). */
  private nextPiece(): string | undefined {
    const head = this.queue[0];
    if (head === undefined) return undefined;
    if (head === PASTE_START || head === PASTE_END) {
      this.queue.shift();
      return head;
    }
    const text = typeof head === "string" ? head : head.raw;
    let end = utf8PieceEnd(text, this.headOffset, this.chunkBytes);
    if (typeof head !== "string" && text[end - 1] === "\r" && text[end] === "\n") end++; // "\r\n" becomes one "\r"
    const slice = text.slice(this.headOffset, end);
    const piece = typeof head === "string" ? slice : pastedLineEnds(slice);
    if (end >= text.length) {
      this.queue.shift();
      this.headOffset = 0;
    } else {
      this.headOffset = end;
    }
    return piece;
  }
}
