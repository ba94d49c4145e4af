"use client";
// The working side of a lesson page: the commands a link prepared (if any), the terminal, and
// below it the exercises and, where the lesson asks for them, the live pictures of the engine's
// images or of its containers, networks and volumes, in tabs.

import { useState, type ReactNode } from "react";
import { TerminalWithPreview } from "@/app/_components/preview/TerminalWithPreview";
import { PreparedCommands } from "@/app/_components/sandbox/PreparedCommands";
import { ContainerGraph } from "./ContainerGraph";
import { ImageGraph } from "./ImageGraph";
import { useLessonState } from "./LessonState";
import { useLessonMessages } from "./useLessonMessages";

export type Picture = "images" | "containers";
type Tab = "exercises" | Picture;

export function LessonWorkspace({
  exercisesPanel,
  exerciseIds,
  pictures,
}: {
  exercisesPanel: ReactNode;
  exerciseIds: string[];
  /** The live pictures this lesson shows, each in its own tab after the exercises. */
  pictures: Picture[];
}) {
  const t = useLessonMessages().workspace;
  const [tab, setTab] = useState<Tab>("exercises");
  const { passed } = useLessonState();
  const done = exerciseIds.filter((id) => passed.has(id)).length;

  const select = (next: Tab) => setTab(next);
  const tabbed = pictures.length > 0;

  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <PreparedCommands className="dbl-hide-with-keyboard max-h-[40%] shrink-0 overflow-y-auto" />
      <div className="min-h-[10rem] flex-[3_1_0%] lg:min-h-[18rem]">
        <TerminalWithPreview layout="stack" />
      </div>
      {/* On a narrow screen with the touch keyboard open, the terminal takes the room left. */}
      <div className="dbl-hide-with-keyboard flex min-h-[13rem] flex-[2_1_0%] flex-col overflow-hidden rounded-xl border border-line bg-elevated shadow-sm">
        {tabbed ? (
          <div role="tablist" aria-label={t.panelLabel} className="flex shrink-0 gap-1 border-b border-line px-2 pt-1.5">
            <TabButton id="exercises" active={tab === "exercises"} onSelect={select}>
              {t.exercisesTab}
              <span className="ml-1.5 rounded-full bg-sunken px-1.5 py-0.5 text-[0.6875rem] font-semibold text-subtle">
                {done}/{exerciseIds.length}
              </span>
            </TabButton>
            {pictures.map((picture) => (
              <TabButton key={picture} id={picture} active={tab === picture} onSelect={select}>
                {picture === "images" ? t.imagesTab : t.containersTab}
              </TabButton>
            ))}
          </div>
        ) : null}
        <div
          role={tabbed ? "tabpanel" : undefined}
          id="panel-exercises"
          aria-labelledby={tabbed ? "tab-exercises" : undefined}
          hidden={tab !== "exercises"}
          className="min-h-0 flex-1 overflow-y-auto p-4"
        >
          {exercisesPanel}
        </div>
        {pictures.map((picture) => (
          <div
            key={picture}
            role="tabpanel"
            id={`panel-${picture}`}
            aria-labelledby={`tab-${picture}`}
            hidden={tab !== picture}
            className="min-h-0 flex-1 overflow-y-auto p-4"
          >
            {picture === "images" ? <ImageGraph active={tab === "images"} /> : <ContainerGraph active={tab === "containers"} />}
          </div>
        ))}
      </div>
    </div>
  );
}

function TabButton({
  id,
  active,
  onSelect,
  children,
}: {
  id: Tab;
  active: boolean;
  onSelect: (id: Tab) => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={active}
      aria-controls={`panel-${id}`}
      data-testid={`tab-${id}`}
      onClick={() => onSelect(id)}
      className={`relative -mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium transition-colors ${
        active ? "border-accent text-fg" : "border-transparent text-subtle hover:text-fg"
      }`}
    >
      {children}
    </button>
  );
}
