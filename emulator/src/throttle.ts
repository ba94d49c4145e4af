// Rate-limiting a stream of values where only the latest matters (progress, sizes).

/** Calls `fn` at most every `ms`, always with the latest value (the last one is never dropped). */
export function throttleLatest<T>(fn: (value: T) => void, ms: number): (value: T) => void {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (value: T) => {
    clearTimeout(timer);
    timer = undefined;
    pending = null;
    last = performance.now();
    fn(value);
  };
  return (value) => {
    const wait = last + ms - performance.now();
    if (wait <= 0) return flush(value); // also overtakes a late timer, which then has nothing to send
    pending = { value };
    timer ??= setTimeout(() => pending && flush(pending.value), wait);
  };
}
