// What the sandbox worker exposes to the page (through comlink). Shared by both sides.

import type { ExecResult, SandboxHealth, SandboxProgress, SandboxStatus, StartOptions } from "../sandbox";
import type { StateMeta } from "../state-check";

export type WorkerEvent =
  | { type: "status"; value: SandboxStatus }
  | { type: "progress"; value: SandboxProgress }
  | { type: "error"; value: string | null }
  | { type: "busy"; value: boolean }
  | { type: "health"; value: SandboxHealth }
  /** Console output; the page acknowledges `id` (ack) once it is on screen (flow control). */
  | { type: "console"; value: Uint8Array; id: number };

export interface WorkerApi {
  /** Registers the page's single event sink; events start flowing at once. */
  connect(onEvent: (event: WorkerEvent) => void): void;
  start(options: { guestBaseUrl: string; offlineCache?: string } & Pick<StartOptions, "coldBoot" | "state">): Promise<void>;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** The page has written every console event up to and including `id`. */
  ack(id: number): void;
  exec(script: string, timeoutMs: number): Promise<ExecResult>;
  save(): Promise<{ data: ArrayBuffer; meta: Omit<StateMeta, "sha256" | "size"> }>;
  reset(): Promise<void>;
  destroy(): Promise<void>;
}
