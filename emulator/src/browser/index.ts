// Entry point for the site: creates a Sandbox whose v86 runs in a Web Worker.
import type { Sandbox } from "../sandbox";

export interface BrowserSandboxOptions {
  /** Where the guest artifacts are served, e.g. "/guest/". */
  guestBaseUrl: string;
}

export function createBrowserSandbox(_options: BrowserSandboxOptions): Sandbox {
  // Replaced by the worker-backed implementation (emulator/src/browser/worker-sandbox.ts).
  throw new Error("createBrowserSandbox: not implemented yet");
}
