// The postMessage API between an embedded exercise (/embed/<lesson>/<exercise>/) and the page
// that frames it. Documented for instructors in docs/embed.md; keep the two in step.
//
// Plain TypeScript with no DOM or React imports, so every rule here is unit-tested:
//   acceptHostMessage(event, rules) -> the command, or null for anything to be ignored
//   hostEvent(...)                  -> an event object to post to the host (never with "*")

import { z } from "@/app/_lib/zod";

/** Names every message of this API, both ways, so hosts can tell ours from others'. */
export const CHANNEL = "docker-browser-lab";
export const PROTOCOL_VERSION = 1;

// ---- commands: host -> embed -------------------------------------------------------------------

export const HOST_COMMANDS = ["reset", "check"] as const;
export type HostCommandType = (typeof HOST_COMMANDS)[number];

/** A command from the host. Strict: an unknown key, type or version is not a command. */
export const hostCommandSchema = z.strictObject({
  channel: z.literal(CHANNEL),
  version: z.literal(PROTOCOL_VERSION),
  type: z.enum(HOST_COMMANDS),
});

export type HostCommand = z.infer<typeof hostCommandSchema>;

/** What the embed knows about an incoming MessageEvent (a subset, so tests need no DOM). */
export interface IncomingMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

export interface AcceptRules {
  /** The host origin named in the embed's URL (already normalised), or null: accept nothing. */
  hostOrigin: string | null;
  /** The window that framed the embed (window.parent); only it may send commands. */
  parent: unknown;
}

/**
 * The command in `message`, or null when it must be ignored: wrong origin, not from the framing
 * window, or not exactly the shape of a command. Never throws, whatever `data` is (structured
 * clone can deliver Maps, Dates, Blobs, cyclic objects, objects without a prototype…).
 */
export function acceptHostMessage(message: IncomingMessage, rules: AcceptRules): HostCommand | null {
  if (rules.hostOrigin === null || message.origin !== rules.hostOrigin) return null;
  if (message.source === null || message.source !== rules.parent) return null;
  const data = message.data;
  // Only plain objects: zod would read a Map's or a class instance's own keys just the same.
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return null;
  try {
    const parsed = hostCommandSchema.safeParse(data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // a getter or proxy that throws: not a command
  }
}

// ---- events: embed -> host ---------------------------------------------------------------------

/** The machine's state as the host sees it (the sandbox's status). */
export type MachineState =
  | "idle"
  | "downloading"
  | "restoring"
  | "booting"
  | "starting-docker"
  | "ready"
  | "crashed"
  | "destroyed";

/** The exercise's state in this machine. */
export type ExerciseStatus = "pending" | "checking" | "passed";

interface EventBase {
  channel: typeof CHANNEL;
  version: typeof PROTOCOL_VERSION;
  lesson: string;
  exercise: string;
}

export interface ReadyEvent extends EventBase {
  type: "ready";
  /** Language of the embed's text: "en" or "zh". */
  locale: string;
  passed: boolean;
}

export interface ProgressEvent extends EventBase {
  type: "progress";
  machine: MachineState;
  status: ExerciseStatus;
  /** The last check's hint in the embed's language, when it failed; otherwise null. */
  hint: string | null;
}

export interface ExercisePassedEvent extends EventBase {
  type: "exercise-passed";
  /** When the check passed (ISO 8601, UTC). */
  time: string;
  /** Milliseconds from the machine being ready to the pass. */
  elapsedMs: number;
}

export interface PreviewEvent extends EventBase {
  type: "preview";
  /** The TCP port that started listening in the machine (the embed offers its Preview). */
  port: number;
}

export type HostEvent = ReadyEvent | ProgressEvent | ExercisePassedEvent | PreviewEvent;

type Payload<E extends HostEvent> = Omit<E, keyof EventBase | "type">;

/** Build an event for `lesson`/`exercise` with the channel and version every event carries. */
export function hostEvent<E extends HostEvent>(
  type: E["type"],
  ids: { lesson: string; exercise: string },
  payload: Payload<E>,
): E {
  return { channel: CHANNEL, version: PROTOCOL_VERSION, type, lesson: ids.lesson, exercise: ids.exercise, ...payload } as E;
}
