"use client";
// The keys a touch keyboard lacks, in a row under the terminal: Ctrl (held for the next key: Ctrl
// then C stops a command), Esc, Tab (the shell completes with it), the arrows (history, moving in
// the line), and | - / which touch keyboards hide on a second page. A tap never takes the focus
// from the terminal, so the touch keyboard stays open.

import { useObservable } from "@/app/_components/sandbox/SandboxProvider";
import { useMessages } from "@/app/_lib/i18n/client";
import type { CtrlLatch } from "./ctrl-latch";

export interface KeyRowTerminal {
  /** Types `data` into the terminal, as a key would (through the Ctrl latch and the paced input). */
  input(data: string): void;
  readonly modes: { readonly applicationCursorKeysMode: boolean };
  focus(): void;
}

type Arrow = "up" | "down" | "right" | "left";
const ARROW_CODES: Record<Arrow, string> = { up: "A", down: "B", right: "C", left: "D" };

/** What an arrow key sends: ESC O x where the program asked for application cursor keys (less, vi), else ESC [ x. */
export function arrowSequence(arrow: Arrow, applicationCursorKeys: boolean): string {
  return (applicationCursorKeys ? "\x1bO" : "\x1b[") + ARROW_CODES[arrow];
}

export function TouchKeyRow({ term, ctrl }: { term: KeyRowTerminal; ctrl: CtrlLatch }) {
  const t = useMessages().terminal.keys;
  const ctrlArmed = useObservable(ctrl.armed);
  const send = (data: string) => {
    term.input(data);
    term.focus();
  };
  const arrow = (a: Arrow) => () => send(arrowSequence(a, term.modes.applicationCursorKeysMode));
  const keys: Array<{ id: string; label: string; name: string; press(): void }> = [
    { id: "esc", label: "Esc", name: t.esc, press: () => send("\x1b") },
    { id: "tab", label: "Tab", name: t.tab, press: () => send("\t") },
    { id: "left", label: "←", name: t.left, press: arrow("left") },
    { id: "up", label: "↑", name: t.up, press: arrow("up") },
    { id: "down", label: "↓", name: t.down, press: arrow("down") },
    { id: "right", label: "→", name: t.right, press: arrow("right") },
    { id: "pipe", label: "|", name: t.pipe, press: () => send("|") },
    { id: "dash", label: "-", name: t.dash, press: () => send("-") },
    { id: "slash", label: "/", name: t.slash, press: () => send("/") },
  ];
  // Ten keys share a phone's width: the named keys (Ctrl, Esc, Tab) get more of it than the
  // one-character ones, so that "Ctrl" fits on a 360 px screen.
  const keyClass = "flex h-10 min-w-0 items-center justify-center rounded-md text-sm font-semibold transition-colors select-none touch-manipulation";
  const widthOf = (label: string) => (label.length > 1 ? " flex-[1.5] font-sans" : " flex-1 font-mono");

  return (
    <div role="toolbar" aria-label={t.label} className="flex shrink-0 gap-1 border-t border-white/10 bg-[#101a2c] p-1" data-testid="key-row">
      <button
        type="button"
        aria-pressed={ctrlArmed}
        aria-label={t.ctrl}
        onPointerDown={(e) => e.preventDefault()}
        onClick={() => {
          ctrl.toggle();
          term.focus();
        }}
        className={keyClass + widthOf("Ctrl") + (ctrlArmed ? " bg-blue-400 text-slate-950" : " bg-white/10 text-slate-100 active:bg-white/25")}
        data-testid="key-ctrl"
      >
        Ctrl
      </button>
      {keys.map((key) => (
        <button
          key={key.id}
          type="button"
          aria-label={key.name}
          // Keeps the focus (and the touch keyboard) in the terminal.
          onPointerDown={(e) => e.preventDefault()}
          onClick={key.press}
          className={keyClass + widthOf(key.label) + " bg-white/10 text-slate-100 active:bg-white/25"}
          data-testid={`key-${key.id}`}
        >
          {key.label}
        </button>
      ))}
    </div>
  );
}
