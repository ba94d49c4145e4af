import assert from "node:assert/strict";
import { test } from "node:test";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { locales } from "@/app/_lib/i18n";
import { COURSE_PARTS, coursePath, nextLesson } from "./course-path";
import { listLessons } from "./index";

const orders = COURSE_PARTS.flatMap((part) => [...part.orders]);

test("the path's places are 1, 2, 3, … in order, each in one part", () => {
  assert.deepEqual(orders, orders.map((_, i) => i + 1));
});

test("every lesson in content/ has its place on the path", () => {
  for (const locale of locales) {
    for (const lesson of listLessons(locale)) {
      assert.ok(orders.includes(lesson.order), `${lesson.slug} (order ${lesson.order}) is in no part of COURSE_PARTS`);
    }
  }
});

test("every part has a title, and every place without a lesson has an upcoming title and summary, in each language", () => {
  for (const locale of locales) {
    const t = getLessonMessages(locale).index;
    const present = new Set(listLessons(locale).map((lesson) => lesson.order));
    for (const part of COURSE_PARTS) {
      assert.ok(t.parts[part.id]?.trim(), `${locale}: index.parts.${part.id} is missing`);
      for (const order of part.orders) {
        if (present.has(order)) continue;
        const upcoming = t.upcoming[String(order) as keyof typeof t.upcoming];
        assert.ok(upcoming?.title && upcoming.summary, `${locale}: lesson ${order} is not in content/ and has no index.upcoming text`);
      }
    }
  }
});

test("a missing lesson is a stop without a lesson, in its part", () => {
  const path = coursePath([{ order: 1 }, { order: 3 }]);
  assert.deepEqual(path[0], { id: "foundations", stops: [{ order: 1, lesson: { order: 1 } }, { order: 2, lesson: null }, { order: 3, lesson: { order: 3 } }] });
});

test("the next lesson is the first with an exercise not passed, and none once all are", () => {
  const lessons = [
    { order: 2, exerciseIds: ["b"] },
    { order: 1, exerciseIds: ["a"] },
    { order: 3, exerciseIds: [] },
  ];
  assert.equal(nextLesson(lessons, () => false)?.order, 1);
  assert.equal(nextLesson(lessons, (_, id) => id === "a")?.order, 2);
  assert.equal(nextLesson(lessons, () => true), null);
});
