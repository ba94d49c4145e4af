// The rows of `npm run test:reliability`, in the order they run and print.
//
// EXTENSION POINT. A row is a module exporting a `Suite` (suite.ts): a name, what it needs and
// run(ctx) returning trials / passed / figure / failures. To add one, write the module and list
// it here. The rows that need the real guest (scripts/reliability/guest/: faults, output floods,
// soak) have `needs: "guest"` and share one machine in Node, ctx.guest(); the flood row runs the
// guest in the page. `--needs node,browser` runs only the rows that do not need the guest;
// `--trials 20` runs the full count of fault trials, `--full` the full flood and soak.

import type { Suite } from "./suite";
import { badLessons } from "./bad-lessons/suite";
import { badSnapshotsMachine } from "./bad-snapshots/machine";
import { badSnapshotsPage } from "./bad-snapshots/page";
import { hostileSequences } from "./hostile-sequences";
import { xssCorpus } from "./xss/suite";
import { pasteFlood } from "./paste";
import { contentSecurityPolicy } from "./csp";
import { faultKillDockerd, faultMemoryHog, faultPanic } from "./guest/faults";
import { outputFlood } from "./guest/flood";
import { soak } from "./guest/soak";

export const suites: Suite[] = [
  badLessons,
  badSnapshotsMachine,
  badSnapshotsPage,
  xssCorpus,
  hostileSequences,
  pasteFlood,
  contentSecurityPolicy,
  faultPanic,
  faultMemoryHog,
  faultKillDockerd,
  outputFlood,
  soak,
];
