"use client";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useMessages } from "@/app/_lib/i18n/client";

export interface TerminalContextMenuProps {
  x: number;
  y: number;
  canCopy: boolean;
  onClose(): void;
  onCopy(): void;
  onPaste(): void;
  onSelectAll(): void;
}

/** A small, keyboard-navigable menu: Copy, Paste, Select all. */
export function TerminalContextMenu({ x, y, canCopy, onClose, onCopy, onPaste, onSelectAll }: TerminalContextMenuProps) {
  const t = useMessages().terminal;
  const menuRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  const items = [
    { key: "copy", label: t.copy, hint: t.copyShortcut, disabled: !canCopy, run: onCopy },
    { key: "paste", label: t.paste, hint: t.pasteShortcut, disabled: false, run: onPaste },
    { key: "select-all", label: t.selectAll, hint: "", disabled: false, run: onSelectAll },
  ];

  useEffect(() => {
    const menu = menuRef.current;
    menu?.querySelector<HTMLButtonElement>("button:not([disabled])")?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (menu && !menu.contains(event.target as Node)) closeRef.current();
    };
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => document.removeEventListener("pointerdown", onPointerDown, true);
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const buttons = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      buttons[(index + 1) % buttons.length]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      buttons[(index - 1 + buttons.length) % buttons.length]?.focus();
    } else if (event.key === "Home") {
      event.preventDefault();
      buttons[0]?.focus();
    } else if (event.key === "End") {
      event.preventDefault();
      buttons[buttons.length - 1]?.focus();
    }
  }

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={t.menu}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      className="absolute z-30 min-w-48 overflow-hidden rounded-lg border border-line-strong bg-elevated py-1 text-sm text-fg shadow-lg"
      style={{ left: `min(${x}px, calc(100% - 13rem))`, top: `min(${y}px, calc(100% - 8rem))` }}
    >
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            item.run();
            onClose();
          }}
          className="flex w-full items-center justify-between gap-6 px-3 py-1.5 text-left hover:bg-accent-soft focus:bg-accent-soft focus:outline-none disabled:cursor-default disabled:text-subtle disabled:hover:bg-transparent"
        >
          <span>{item.label}</span>
          {item.hint && <kbd className="font-sans text-xs text-subtle">{item.hint}</kbd>}
        </button>
      ))}
    </div>
  );
}
