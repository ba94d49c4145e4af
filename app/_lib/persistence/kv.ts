// Where persistence keeps its records: idb-keyval in the browser, a Map in unit tests.
// Every key of this feature carries the schema version ("dbl:v1:...").

export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Reads and replaces one value in one transaction (nothing else writes it in between). */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
}

/** IndexedDB through idb-keyval (its default database "keyval-store", shared with progress). */
export function idbStore(): KeyValueStore {
  const lib = () => import("idb-keyval");
  return {
    get: async (key) => (await lib()).get(key),
    set: async (key, value) => (await lib()).set(key, value),
    del: async (key) => (await lib()).del(key),
    keys: async () => ((await (await lib()).keys()) as IDBValidKey[]).filter((k): k is string => typeof k === "string"),
    update: async (key, updater) => (await lib()).update(key, updater),
  };
}

/** An in-memory store for tests; `failSet` lets a test make writes throw (e.g. a full quota). */
export function memoryStore(map = new Map<string, unknown>()): KeyValueStore & {
  map: Map<string, unknown>;
  failSet: ((key: string, value: unknown) => Error | null) | null;
} {
  const store = {
    map,
    failSet: null as ((key: string, value: unknown) => Error | null) | null,
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key: string, value: unknown) => {
      const err = store.failSet?.(key, value);
      if (err) throw err;
      map.set(key, value);
    },
    del: async (key: string) => void map.delete(key),
    keys: async () => [...map.keys()],
    update: async (key: string, updater: (old: unknown) => unknown) => store.set(key, updater(map.get(key))),
  };
  return store;
}
