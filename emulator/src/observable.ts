// A minimal read-only store: current value plus change notifications.
// Shaped like React's useSyncExternalStore contract (subscribe + get).

export interface Observable<T> {
  get(): T;
  /** Calls `listener` on every change (not immediately); returns an unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

export class Store<T> implements Observable<T> {
  private listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  subscribe = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }
}
