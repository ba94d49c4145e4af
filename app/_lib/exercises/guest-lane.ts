// One lane for the lesson page's own work in the guest (checks, the image picture): its exec calls
// run one after another, never side by side. The guest has one emulated CPU; two docker commands
// at once only make both slower, and slower than the learner's own command beside them. The
// offline precache waits meanwhile (holdPrecache).

import type { ExecOptions, ExecResult, Sandbox } from "@/emulator/browser";
import { withPrecacheHeld } from "@/app/_lib/persistence/offline";

const lanes = new WeakMap<object, Promise<unknown>>();

export function queuedExec(sandbox: Pick<Sandbox, "exec">, script: string, options?: ExecOptions): Promise<ExecResult> {
  const previous = lanes.get(sandbox) ?? Promise.resolve();
  const exec = () => withPrecacheHeld(() => sandbox.exec(script, options));
  const run = previous.then(exec, exec);
  lanes.set(
    sandbox,
    run.catch(() => undefined),
  );
  return run;
}
