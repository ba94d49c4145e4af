// The course as a path: its parts in order, each a run of lessons by their `order`. A place on the
// path without a lesson in content/ yet is a lesson still being written: the index shows it, from
// the lesson messages' `upcoming` texts, but does not link it.

export type CoursePartId = "foundations" | "images" | "containers" | "apps";

export const COURSE_PARTS: readonly { id: CoursePartId; orders: readonly number[] }[] = [
  { id: "foundations", orders: [1, 2, 3] },
  { id: "images", orders: [4, 5, 6, 7] },
  { id: "containers", orders: [8, 9, 10] },
  { id: "apps", orders: [11, 12] },
];

/** A place on the path: the lesson of that order, or null while it is being written. */
export type PathStop<L> = { order: number; lesson: L | null };

/** Each part with its stops in order. */
export function coursePath<L extends { order: number }>(lessons: readonly L[]): { id: CoursePartId; stops: PathStop<L>[] }[] {
  const byOrder = new Map(lessons.map((lesson) => [lesson.order, lesson]));
  return COURSE_PARTS.map(({ id, orders }) => ({
    id,
    stops: orders.map((order) => ({ order, lesson: byOrder.get(order) ?? null })),
  }));
}

/** The first lesson, in order, with an exercise not yet passed; null when every one is done. */
export function nextLesson<L extends { order: number; exerciseIds: readonly string[] }>(
  lessons: readonly L[],
  isPassed: (lesson: L, exerciseId: string) => boolean,
): L | null {
  const ordered = [...lessons].sort((a, b) => a.order - b.order);
  return ordered.find((lesson) => lesson.exerciseIds.some((id) => !isPassed(lesson, id))) ?? null;
}
