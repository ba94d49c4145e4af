"use client";
// Locale context for client components under app/[locale]/.
import { createContext, useContext, type ReactNode } from "react";
import { defaultLocale, getMessages, type Locale, type Messages } from "./index";

const LocaleContext = createContext<Locale>(defaultLocale);

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useMessages(): Messages {
  return getMessages(useContext(LocaleContext));
}
