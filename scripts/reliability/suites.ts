// The rows of `npm run test:reliability`, in the order they run and print.
//
// EXTENSION POINT. A row is a module exporting a `Suite` (suite.ts): a name, what it needs and
// run(ctx) returning trials / passed / figure / failures. To add one, write the module and list
// it here. The rows that need the real guest (faults: SysRq crash, memory hog, kill -9 dockerd;
// console floods; the soak) are not written yet: give them `needs: "guest"`, put them in
// scripts/reliability/guest/, and if they share one machine add a `guest()` resource to Context
// (suite.ts) next to site() and browser(), started on first use and destroyed by run.ts.
// `--needs node,browser` runs only the rows that do not need the guest.

import type { Suite } from "./suite";
import { badLessons } from "./bad-lessons/suite";
import { badSnapshotsMachine } from "./bad-snapshots/machine";
import { badSnapshotsPage } from "./bad-snapshots/page";
import { hostileSequences } from "./hostile-sequences";
import { xssCorpus } from "./xss/suite";
import { pasteFlood } from "./paste";
import { contentSecurityPolicy } from "./csp";

export const suites: Suite[] = [
  badLessons,
  badSnapshotsMachine,
  badSnapshotsPage,
  xssCorpus,
  hostileSequences,
  pasteFlood,
  contentSecurityPolicy,
];
