"use client";
import { useLocale } from "@/app/_lib/i18n/client";
import { getLessonMessages, type LessonMessages } from "@/app/_lib/i18n/messages/lesson";

export function useLessonMessages(): LessonMessages {
  return getLessonMessages(useLocale());
}
