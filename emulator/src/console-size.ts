// The serial console has no window size of its own: the guest is told the terminal's size, which
// `stty` sets on ttyS0 (and the shell gets SIGWINCH). A drag resizes many times a second, so a
// size goes 100 ms after the last change, one request at a time, each with the size known when
// it is sent.

export interface Size {
  cols: number;
  rows: number;
}

export class ConsoleSize {
  private size: Size | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();

  /**
   * `send` tells the guest a size; `canSend` says whether the guest can take it now (a size told
   * before that is sent by an explicit `apply()` later).
   */
  constructor(
    private readonly send: (size: Size) => Promise<unknown>,
    private readonly canSend: () => boolean,
    private readonly settleMs = 100,
  ) {}

  /** The terminal's last known size; null before any terminal is attached. */
  get last(): Size | null {
    return this.size;
  }

  /** The terminal has this size now. */
  tell(size: Size): void {
    this.size = size;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.canSend()) void this.apply();
    }, this.settleMs);
  }

  /** Sends the last known size after any request already under way; resolves once it is sent. */
  apply(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const size = this.size;
      if (size) await this.send(size);
    });
    return this.chain;
  }

  /** A shell command that sets ttyS0 to the last known size, to run with other work; "" before any. */
  sttyCommand(): string {
    if (!this.size) return "";
    const { cols, rows } = this.size;
    return `stty -F /dev/ttyS0 rows ${rows | 0} cols ${cols | 0}; `;
  }

  /** Drops a size not sent yet. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
