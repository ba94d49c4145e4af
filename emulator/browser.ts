// The site's door into the emulator: the Sandbox contract, and the machine that runs v86 in a Web
// Worker. Nothing outside emulator/ imports emulator/src directly (scripts/import-rules.test.ts).

import type { BrowserSandboxOptions } from "./src/browser";
import type { Sandbox } from "./src/sandbox";

export * from "./src/common-api";
export type { BrowserSandboxOptions } from "./src/browser";

/**
 * Loads the machine's code, a chunk of its own (comlink and the worker's client), so that only
 * pages with a terminal download it; resolves with the function that creates a machine.
 */
export async function loadBrowserSandbox(): Promise<(options: BrowserSandboxOptions) => Sandbox> {
  return (await import("./src/browser")).createBrowserSandbox;
}
