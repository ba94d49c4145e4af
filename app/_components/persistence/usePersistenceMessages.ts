"use client";
import { useLocale } from "@/app/_lib/i18n/client";
import { getPersistenceMessages, type PersistenceMessages } from "@/app/_lib/i18n/messages/persistence";

export function usePersistenceMessages(): PersistenceMessages {
  return getPersistenceMessages(useLocale());
}
