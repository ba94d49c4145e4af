// Holds a producer back while its consumer is too far behind: above `high` unwritten bytes the
// producer is paused, and it runs again once they are down to `low`. The gap between the two
// keeps it from stopping and starting on every chunk.

export interface FlowMarks {
  high: number;
  low: number;
}

export interface Producer {
  /** Pauses the producer; false when it cannot be paused now (it is not running). */
  pause(): boolean;
  resume(): void;
}

export class FlowControl {
  private paused = false;
  /** How often the producer was paused, for measurements. */
  pauses = 0;

  constructor(
    private readonly marks: FlowMarks,
    private readonly producer: Producer,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** Call whenever the unwritten count changes. */
  update(unwritten: number): void {
    if (!this.paused && unwritten > this.marks.high) {
      if (!this.producer.pause()) return;
      this.paused = true;
      this.pauses++;
    } else if (this.paused && unwritten <= this.marks.low) {
      this.paused = false;
      this.producer.resume();
    }
  }

  /** Forgets a pause without resuming: the producer it paused is gone. */
  reset(): void {
    this.paused = false;
  }
}
