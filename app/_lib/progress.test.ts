import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import {
  PROGRESS_KEY,
  clearProgress,
  importProgress,
  isPassed,
  lessonCompletion,
  loadProgress,
  markExercisePassed,
  mergeProgress,
  progressSize,
  recordQuizAnswer,
  resetLessonProgress,
  setProgressBackend,
  subscribeProgress,
} from "./progress";

let db: Map<string, unknown>;
beforeEach(() => {
  db = new Map();
  setProgressBackend({
    get: async (k) => db.get(k),
    update: async (k, fn) => void db.set(k, fn(db.get(k))),
  });
});

test("passing an exercise is stored under the versioned key with its time, and kept once", async () => {
  const seen: number[] = [];
  const stop = subscribeProgress((p) => seen.push(Object.keys(p.lessons.pull?.exercises ?? {}).length));
  await markExercisePassed("pull", "pull-busybox", new Date("2026-01-02T03:04:05Z"));
  await markExercisePassed("pull", "pull-busybox", new Date("2027-01-01T00:00:00Z"));
  await markExercisePassed("pull", "pull-tag");
  stop();
  const stored = db.get(PROGRESS_KEY) as { version: number; lessons: Record<string, { exercises: Record<string, { passedAt: string }> }> };
  assert.equal(stored.version, 1);
  assert.equal(stored.lessons.pull.exercises["pull-busybox"].passedAt, "2026-01-02T03:04:05.000Z");
  const p = await loadProgress();
  assert.ok(isPassed(p, "pull", "pull-tag"));
  assert.deepEqual(lessonCompletion(p, "pull", ["pull-busybox", "pull-tag", "pull-layers"]), { passed: 2, total: 3, complete: false });
  assert.deepEqual(seen, [1, 1, 2]);
});

test("quiz answers and resets", async () => {
  await recordQuizAnswer("virtualization", "kvm", "hardware-assisted", true);
  await markExercisePassed("virtualization", "own-hostname");
  let p = await loadProgress();
  assert.equal(p.lessons.virtualization.quiz?.kvm.correct, true);
  p = await resetLessonProgress("virtualization");
  assert.deepEqual(p.lessons, {});
});

test("clearProgress forgets every lesson", async () => {
  await markExercisePassed("pull", "pull-busybox");
  await recordQuizAnswer("virtualization", "kvm", "full", false);
  const p = await clearProgress();
  assert.deepEqual(p.lessons, {});
  assert.deepEqual((await loadProgress()).lessons, {});
});

test("corrupt or foreign data counts as no progress; storage errors do not throw", async () => {
  db.set(PROGRESS_KEY, { version: 99, lessons: "nope" });
  assert.deepEqual(await loadProgress(), { version: 1, lessons: {} });
  setProgressBackend({
    get: async () => {
      throw new Error("no IndexedDB");
    },
    update: async () => {
      throw new Error("QuotaExceededError");
    },
  });
  assert.deepEqual(await loadProgress(), { version: 1, lessons: {} });
  const p = await markExercisePassed("tag", "tag-mybox");
  assert.ok(isPassed(p, "tag", "tag-mybox"));
});

test("merging progress loses nothing: every pass (the earlier date), every answer (the later one)", async () => {
  const here = {
    version: 1 as const,
    lessons: {
      pull: {
        exercises: { "pull-busybox": { passedAt: "2026-03-01T00:00:00.000Z" } },
        quiz: { q1: { answer: "a", correct: false, answeredAt: "2026-03-01T00:00:00.000Z" } },
      },
    },
  };
  const there = {
    version: 1 as const,
    lessons: {
      pull: {
        exercises: { "pull-busybox": { passedAt: "2026-02-01T00:00:00.000Z" }, "pull-tag": { passedAt: "2026-02-02T00:00:00.000Z" } },
        quiz: { q1: { answer: "b", correct: true, answeredAt: "2026-03-02T00:00:00.000Z" } },
      },
      tag: { exercises: { "tag-mybox": { passedAt: "2026-02-03T00:00:00.000Z" } } },
    },
  };
  const merged = mergeProgress(here, there);
  assert.equal(merged.lessons.pull.exercises["pull-busybox"].passedAt, "2026-02-01T00:00:00.000Z");
  assert.ok(merged.lessons.pull.exercises["pull-tag"]);
  assert.equal(merged.lessons.pull.quiz?.q1.answer, "b");
  assert.ok(merged.lessons.tag.exercises["tag-mybox"]);
  assert.deepEqual(progressSize(merged), { exercises: 3, lessons: 2 });
  assert.equal(here.lessons.pull.exercises["pull-busybox"].passedAt, "2026-03-01T00:00:00.000Z", "the inputs are not changed");

  db.set(PROGRESS_KEY, here);
  await importProgress(there);
  assert.deepEqual(db.get(PROGRESS_KEY), merged);
});

test("an import whose write fails rejects, and the stored progress is as it was", async () => {
  const before = { version: 1, lessons: { pull: { exercises: { a: { passedAt: "2026-01-01T00:00:00.000Z" } } } } };
  db.set(PROGRESS_KEY, before);
  setProgressBackend({
    get: async (k) => db.get(k),
    update: async () => {
      throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    },
  });
  await assert.rejects(importProgress({ version: 1, lessons: { tag: { exercises: { b: { passedAt: "2026-01-02T00:00:00.000Z" } } } } }), /quota/);
  assert.deepEqual(db.get(PROGRESS_KEY), before);
});
