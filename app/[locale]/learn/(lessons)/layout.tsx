import type { ReactNode } from "react";
import { PersistentSandboxProvider } from "@/app/_components/persistence/PersistentSandboxProvider";

// One machine for all lessons: moving from one lesson to the next keeps the Linux guest (and
// everything the learner pulled, tagged or ran) instead of starting a fresh one per page.
export default function LearnLayout({ children }: { children: ReactNode }) {
  return <PersistentSandboxProvider>{children}</PersistentSandboxProvider>;
}
