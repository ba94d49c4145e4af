"use client";
import { useEffect } from "react";
import { LOCALE_STORAGE_KEY, pickLocale } from "@/app/_lib/i18n";

/** Sends / and /play to /en/... or /zh/... (saved choice, else the browser's language). */
export function LocaleRedirect({ rest }: { rest: string }) {
  useEffect(() => {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(LOCALE_STORAGE_KEY);
    } catch {
      // ignore
    }
    const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
    const locale = pickLocale(saved, languages);
    window.location.replace(`/${locale}/${rest}${window.location.search}${window.location.hash}`);
  }, [rest]);
  return null;
}
