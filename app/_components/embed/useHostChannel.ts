"use client";
// The embed's end of the postMessage API (app/_lib/embed/protocol.ts, docs/embed.md): commands are
// taken only from the framing window at the host origin named in the URL, and only in the exact
// shape of a command; events go only to that origin, never to "*". Without a host origin, or when
// not framed, the embed neither listens nor sends.

import { useCallback, useEffect, useRef } from "react";
import { acceptHostMessage, type HostCommand, type HostEvent } from "@/app/_lib/embed/protocol";

export interface HostChannel {
  /** Send an event to the host; a no-op without a host. */
  post(event: HostEvent): void;
}

export function useHostChannel(hostOrigin: string | null, onCommand: (command: HostCommand) => void): HostChannel {
  const latest = useRef(onCommand);
  useEffect(() => {
    latest.current = onCommand;
  }, [onCommand]);

  const framed = typeof window !== "undefined" && window.parent !== window;

  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    const onMessage = (event: MessageEvent) => {
      const command = acceptHostMessage(event, { hostOrigin, parent: window.parent });
      if (!command) return;
      try {
        latest.current(command);
      } catch (err) {
        // A command must never take the page down; the next one gets a fresh try.
        console.error("embed: command failed", err);
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [hostOrigin]);

  const post = useCallback(
    (event: HostEvent) => {
      if (!hostOrigin || !framed) return;
      // The browser drops the message if the parent is not (any longer) at hostOrigin.
      window.parent.postMessage(event, hostOrigin);
    },
    [hostOrigin, framed],
  );

  return { post };
}
