// An xterm addon that keeps the terminal fitted to its element: whenever the element changes size,
// the terminal's columns and rows are recomputed (xterm's FitAddon does the measuring) once per
// frame, and not while the element is hidden (zero-sized), which would fit it to nothing.

export interface FitEnvironment {
  ResizeObserver: new (callback: () => void) => { observe(target: Element): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
}

export class AutoFit {
  private observer: { disconnect(): void } | null = null;
  private frame = 0;

  constructor(
    private readonly host: Pick<Element, "clientWidth" | "clientHeight">,
    /** Fits the terminal to the host (FitAddon.fit). */
    private readonly fit: () => void,
    private readonly env: FitEnvironment = globalThis,
  ) {}

  activate(): void {
    const observer = new this.env.ResizeObserver(() => this.refit());
    observer.observe(this.host as Element);
    this.observer = observer;
    this.refit();
  }

  dispose(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.env.cancelAnimationFrame(this.frame);
  }

  private refit(): void {
    this.env.cancelAnimationFrame(this.frame);
    this.frame = this.env.requestAnimationFrame(() => {
      if (!this.observer || this.host.clientWidth === 0 || this.host.clientHeight === 0) return;
      try {
        this.fit();
      } catch {
        // Not rendered yet; the next resize will fit.
      }
    });
  }
}
