"use client";
import { useEffect, useState } from "react";
import { copyText } from "@/app/_components/terminal/clipboard";

export type CopyState = "idle" | "copied" | "failed";

/** Copies `text` on request and says how it went; a new text starts over at "idle". */
export function useCopy(text: string): { state: CopyState; copy(): Promise<void> } {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => setState("idle"), [text]);
  return { state, copy: async () => setState((await copyText(text)) ? "copied" : "failed") };
}

/** A copy button's label: a tick and "Copied" once copied. */
export function CopyLabel({ state, copy, copied }: { state: CopyState; copy: string; copied: string }) {
  if (state !== "copied") return <>{copy}</>;
  return (
    <>
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
        <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {copied}
    </>
  );
}
