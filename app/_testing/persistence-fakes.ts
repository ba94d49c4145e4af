// Fakes of navigator.locks and BroadcastChannel for the persistence unit tests (tab ownership).
import type { ChannelLike, LockManagerLike, OwnerMessage } from "@/app/_lib/persistence/tab-owner";

/** A LockManager with the semantics used: exclusive, ifAvailable, steal, signal. */
export function fakeLocks(): LockManagerLike {
  let held: { reject: (e: Error) => void; release: Promise<unknown> } | null = null;
  const queue: Array<() => void> = [];
  const grant = (cb: (lock: unknown) => unknown, resolve: (v: unknown) => void, reject: (e: Error) => void) => {
    const release = Promise.resolve(cb({ name: "l" }));
    const entry = { reject, release };
    held = entry;
    release.then((v) => {
      if (held === entry) {
        held = null;
        queue.shift()?.();
      }
      resolve(v);
    });
  };
  return {
    request(_name, options, cb) {
      return new Promise((resolve, reject) => {
        if (options.steal) {
          held?.reject(Object.assign(new Error("stolen"), { name: "AbortError" }));
          held = null;
          return grant(cb, resolve, reject);
        }
        if (!held) return grant(cb, resolve, reject);
        if (options.ifAvailable) return resolve(cb(null));
        const waiter = () => grant(cb, resolve, reject);
        queue.push(waiter);
        options.signal?.addEventListener("abort", () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
        });
      });
    },
  };
}

export function fakeBus() {
  const members = new Set<(m: OwnerMessage) => void>();
  return (): ChannelLike => {
    let listener: ((e: { data: OwnerMessage }) => void) | null = null;
    const deliver = (m: OwnerMessage) => setTimeout(() => listener?.({ data: m }), 0);
    members.add(deliver);
    return {
      postMessage: (m) => members.forEach((d) => d !== deliver && d(m)),
      addEventListener: (_t, l) => (listener = l),
      close: () => members.delete(deliver),
    };
  };
}

