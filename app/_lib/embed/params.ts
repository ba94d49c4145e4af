// The embed's URL parameters: ?lang=en|zh &theme=auto|light|dark &origin=<the host page's origin>.
// The same rules run before first paint in ./init-script.ts (language and theme only); a unit test
// keeps the two in step.

import { isLocale, type Locale } from "@/app/_lib/i18n";

export type EmbedTheme = "auto" | "light" | "dark";
export const EMBED_THEMES: readonly EmbedTheme[] = ["auto", "light", "dark"];

export interface EmbedParams {
  locale: Locale;
  theme: EmbedTheme;
  /** The only origin whose messages are accepted and to which events are sent; null: none. */
  hostOrigin: string | null;
}

/** `en`, `zh`, `zh-CN`, `EN-gb`… -> a site locale, else null. */
export function localeFromParam(value: string | null | undefined): Locale | null {
  const base = (value ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : null;
}

/**
 * An origin exactly as browsers report it in MessageEvent.origin ("https://lms.example.edu",
 * "http://localhost:8080"), or null. A path, query, credentials or a non-http(s) scheme are
 * refused rather than trimmed, so a typo cannot silently widen what is accepted.
 */
export function normalizeOrigin(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== "/" && url.pathname !== "") return null;
  return url.origin;
}

export function parseEmbedParams(search: string | URLSearchParams, fallbackLanguages: readonly string[] = []): EmbedParams {
  const q = typeof search === "string" ? new URLSearchParams(search) : search;
  const theme = q.get("theme");
  let locale = localeFromParam(q.get("lang"));
  for (const lang of fallbackLanguages) locale ??= localeFromParam(lang);
  return {
    locale: locale ?? "en",
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    hostOrigin: normalizeOrigin(q.get("origin")),
  };
}
