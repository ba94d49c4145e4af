// One lane for the lesson page's own work in the guest (checks, the image picture): its exec calls
// run one after another, never side by side. The guest has one emulated CPU; two docker commands
// at once only make both slower, and slower than the learner's own command beside them.

import type { ExecOptions, ExecResult, Sandbox } from "@/emulator/browser";

const lanes = new WeakMap<object, Promise<unknown>>();

export function queuedExec(sandbox: Pick<Sandbox, "exec">, script: string, options?: ExecOptions): Promise<ExecResult> {
  const previous = lanes.get(sandbox) ?? Promise.resolve();
  const run = previous.then(
    () => sandbox.exec(script, options),
    () => sandbox.exec(script, options),
  );
  lanes.set(
    sandbox,
    run.catch(() => undefined),
  );
  return run;
}
