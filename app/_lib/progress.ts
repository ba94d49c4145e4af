// The learner's progress, kept in IndexedDB (idb-keyval) under one versioned key, so reloads keep
// the ticks. Client-side only in use; importing it on the server is harmless (nothing runs).
//
//   const p = await loadProgress();
//   isPassed(p, "pull", "pull-busybox");                 // lesson slug, exercise id
//   lessonCompletion(p, "pull", lesson.exerciseIds);      // { passed, total, complete }
//   await markExercisePassed("pull", "pull-busybox");
//   const stop = subscribeProgress((p) => …);   // this tab and other tabs
//
// Value shape (key "dbl:v1:progress"):
//   { version: 1, lessons: { <lesson slug>: {
//       exercises: { <exercise id>: { passedAt: ISO date } },
//       quiz?: { <item id>: { answer: <choice id>, correct: boolean, answeredAt: ISO date } } } } }

import { z } from "@/app/_lib/zod";

export const PROGRESS_KEY = "dbl:v1:progress";
const CHANNEL = "dbl:v1:progress";

/** An ISO 8601 date and time. */
const iso = z.string();

/** Everything the site remembers about the learner's progress (the value shape above). */
export const progressSchema = z.object({
  version: z.literal(1),
  /** Progress per lesson slug. */
  lessons: z.record(
    z.string(),
    z.object({
      /** Passed exercises of the lesson, by exercise id: when the check first passed. */
      exercises: z.record(z.string(), z.object({ passedAt: iso })),
      /** The learner's answer to each quiz item, by item id: the chosen choice id, whether it was right, when. */
      quiz: z.optional(z.record(z.string(), z.object({ answer: z.string(), correct: z.boolean(), answeredAt: iso }))),
    }),
  ),
});

export type Progress = z.infer<typeof progressSchema>;
export type LessonProgress = Progress["lessons"][string];

export const emptyProgress = (): Progress => ({ version: 1, lessons: {} });

/** Where progress is stored; idb-keyval in the browser, a Map in tests. */
export interface ProgressBackend {
  get(key: string): Promise<unknown>;
  /** Atomic read-modify-write (idb-keyval's update runs in one transaction). */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
}

let backend: ProgressBackend | null = null;

function idbBackend(): ProgressBackend {
  return {
    get: async (key) => (await import("idb-keyval")).get(key),
    update: async (key, updater) => (await import("idb-keyval")).update(key, updater),
  };
}

/** Replace the storage (tests). Pass null to go back to IndexedDB. */
export function setProgressBackend(b: ProgressBackend | null): void {
  backend = b;
}

function store(): ProgressBackend {
  return (backend ??= idbBackend());
}

/** Read a stored value; anything unreadable (old version, corrupt) counts as no progress. */
export function parseProgress(value: unknown): Progress {
  const parsed = progressSchema.safeParse(value);
  return parsed.success ? parsed.data : emptyProgress();
}

// ---- change notification (this tab + other tabs) ----------------------------------------------

type Listener = (progress: Progress) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  channel?.addEventListener("message", (e: MessageEvent) => emit(parseProgress(e.data), false));
  // In Node (tests) an open channel would keep the process alive.
  (channel as unknown as { unref?: () => void } | null)?.unref?.();
  return channel;
}

function emit(progress: Progress, broadcast: boolean): void {
  for (const l of [...listeners]) l(progress);
  if (broadcast) {
    try {
      getChannel()?.postMessage(progress);
    } catch {
      // A closed channel is not worth failing a save for.
    }
  }
}

export function subscribeProgress(listener: Listener): () => void {
  listeners.add(listener);
  getChannel();
  return () => listeners.delete(listener);
}

// ---- reading and writing ---------------------------------------------------------------------

export async function loadProgress(): Promise<Progress> {
  try {
    return parseProgress(await store().get(PROGRESS_KEY));
  } catch {
    return emptyProgress(); // private mode or storage disabled: progress simply is not kept
  }
}

async function change(mutate: (p: Progress) => void): Promise<Progress> {
  let next = emptyProgress();
  try {
    await store().update(PROGRESS_KEY, (old) => {
      next = parseProgress(old);
      mutate(next);
      return next;
    });
  } catch {
    // Storage unavailable or full: keep going in memory for this page view.
    mutate(next);
  }
  emit(next, true);
  return next;
}

function lesson(p: Progress, slug: string): LessonProgress {
  return (p.lessons[slug] ??= { exercises: {} });
}

/** Record that an exercise passed; keeps the first passedAt if it had passed before. */
export function markExercisePassed(slug: string, exerciseId: string, at: Date = new Date()): Promise<Progress> {
  return change((p) => {
    const l = lesson(p, slug);
    l.exercises[exerciseId] ??= { passedAt: at.toISOString() };
  });
}

export function recordQuizAnswer(
  slug: string,
  itemId: string,
  answer: string,
  correct: boolean,
  at: Date = new Date(),
): Promise<Progress> {
  return change((p) => {
    const l = lesson(p, slug);
    (l.quiz ??= {})[itemId] = { answer, correct, answeredAt: at.toISOString() };
  });
}

export function clearQuiz(slug: string): Promise<Progress> {
  return change((p) => {
    if (p.lessons[slug]) delete p.lessons[slug].quiz;
  });
}

/** Forget a lesson's progress (exercises and quiz). */
export function resetLessonProgress(slug: string): Promise<Progress> {
  return change((p) => {
    delete p.lessons[slug];
  });
}

export function isPassed(p: Progress, slug: string, exerciseId: string): boolean {
  return !!p.lessons[slug]?.exercises[exerciseId];
}

/** How many of a lesson's exercises are passed (for ticks on the home page). */
export function lessonCompletion(
  p: Progress,
  slug: string,
  exerciseIds: readonly string[],
): { passed: number; total: number; complete: boolean } {
  const passed = exerciseIds.filter((id) => isPassed(p, slug, id)).length;
  return { passed, total: exerciseIds.length, complete: exerciseIds.length > 0 && passed === exerciseIds.length };
}

/** Forget all progress (every lesson's exercises and quiz answers); the machine is not touched. */
export function clearProgress(): Promise<Progress> {
  return change((p) => {
    p.lessons = {};
  });
}

/**
 * Two records of progress as one, losing nothing of either: an exercise passed in either is passed
 * (since the earlier date), and a quiz item answered in either keeps the later answer.
 */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const merged = parseProgress(structuredClone(current));
  for (const [slug, theirs] of Object.entries(incoming.lessons)) {
    const ours = lesson(merged, slug);
    for (const [id, pass] of Object.entries(theirs.exercises)) {
      const mine = ours.exercises[id];
      if (!mine || pass.passedAt < mine.passedAt) ours.exercises[id] = { ...pass };
    }
    for (const [id, answer] of Object.entries(theirs.quiz ?? {})) {
      const mine = ours.quiz?.[id];
      if (!mine || answer.answeredAt > mine.answeredAt) (ours.quiz ??= {})[id] = { ...answer };
    }
  }
  return merged;
}

/**
 * Adds progress from a backup to what is stored (mergeProgress), in one transaction. Unlike the
 * page's own updates, a failed write is not kept in memory: it rejects, and nothing changed.
 */
export async function importProgress(incoming: Progress): Promise<Progress> {
  let next = emptyProgress();
  await store().update(PROGRESS_KEY, (old) => (next = mergeProgress(parseProgress(old), incoming)));
  emit(next, true);
  return next;
}

/** How much a record of progress holds: exercises passed, and in how many lessons. */
export function progressSize(p: Progress): { exercises: number; lessons: number } {
  const lessons = Object.values(p.lessons).filter((l) => Object.keys(l.exercises).length > 0);
  return { exercises: lessons.reduce((n, l) => n + Object.keys(l.exercises).length, 0), lessons: lessons.length };
}
