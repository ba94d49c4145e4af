"use client";
import { useEffect, useState } from "react";

/**
 * A polite live region, in the page from the start (a region that appears together with its text
 * is often not read). A new `message` is read once; the same message again, after something else
 * or after null, is read again. Screen readers only: it takes no room on screen.
 */
export function LiveRegion({ message, testId }: { message: string | null; testId?: string }) {
  const [text, setText] = useState("");
  useEffect(() => {
    // Emptied first, then filled on the next frame: a change the screen reader sees as new text.
    setText("");
    if (!message) return;
    const frame = requestAnimationFrame(() => setText(message));
    return () => cancelAnimationFrame(frame);
  }, [message]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid={testId}>
      {text}
    </div>
  );
}
