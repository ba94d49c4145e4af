"use client";
// The xterm.js terminal, connected to a Sandbox through the TerminalLike adapter.
// Fills its parent. xterm is imported dynamically: it touches `window` at import time,
// and the page is prerendered on the server. What the terminal does beyond xterm's own is in
// small addons (./addons, and the test hook): large pastes, clipboard keys, fitting, and Esc then
// Tab to leave. On a touch device, a row of the keys a touch keyboard lacks sits under it.

import "@xterm/xterm/css/xterm.css";
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type FocusEvent, type MouseEvent } from "react";
import type { Terminal } from "@xterm/xterm";
import type { Sandbox } from "@/emulator/browser";
import { useLocale, useMessages } from "@/app/_lib/i18n/client";
import { format, formatBytes } from "@/app/_lib/i18n";
import { TerminalHookAddon } from "@/app/_test-hooks/terminal-hook";
import { useObservable } from "@/app/_components/sandbox/SandboxProvider";
import { createTerminalAdapter, pasteLarge } from "./adapter";
import { AutoFit } from "./addons/auto-fit";
import { ClipboardKeys } from "./addons/clipboard-keys";
import { EscapeThenTab } from "./addons/escape-then-tab";
import { CtrlLatch } from "./ctrl-latch";
import { TouchKeyRow } from "./TouchKeyRow";
import { COARSE_POINTER, useMediaQuery } from "@/app/_components/ui/use-media-query";
import { LargePasteGuard, pasteBytes } from "./addons/large-paste";
import { copyText, readText } from "./clipboard";
import { createLinkHandler, openExternal } from "./links";
import { LARGE_PASTE_BYTES, pasteSeconds } from "./paced-input";
import { TerminalContextMenu } from "./TerminalContextMenu";

export interface XtermViewHandle {
  focus(): void;
  /** Clear screen and scrollback (e.g. before a reset). */
  clear(): void;
}

export interface XtermViewProps {
  sandbox: Sandbox | null;
  screenReaderMode: boolean;
  /** Called when a clipboard read is refused, with a message to show. */
  onNotice?: (message: string) => void;
  /** Called when the terminal's input gains or loses the focus. */
  onFocusChange?: (focused: boolean) => void;
  /** Called when an Esc is held (Tab now leaves the terminal), and when it no longer is. */
  onEscapeArmed?: (armed: boolean) => void;
}

const theme = {
  background: "#0b1220",
  foreground: "#dbe3ef",
  cursor: "#93c5fd",
  cursorAccent: "#0b1220",
  selectionBackground: "#33507f",
  black: "#1e293b",
  red: "#f87171",
  green: "#4ade80",
  yellow: "#facc15",
  blue: "#60a5fa",
  magenta: "#c084fc",
  cyan: "#22d3ee",
  white: "#dbe3ef",
  brightBlack: "#64748b",
  brightRed: "#fca5a5",
  brightGreen: "#86efac",
  brightYellow: "#fde047",
  brightBlue: "#93c5fd",
  brightMagenta: "#d8b4fe",
  brightCyan: "#67e8f9",
  brightWhite: "#f8fafc",
};

export const XtermView = forwardRef<XtermViewHandle, XtermViewProps>(function XtermView(
  { sandbox, screenReaderMode, onNotice, onFocusChange, onEscapeArmed },
  ref,
) {
  const t = useMessages().terminal;
  const locale = useLocale();
  const hostRef = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<Terminal | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const noticeRef = useRef(onNotice);
  noticeRef.current = onNotice;
  const messagesRef = useRef(t);
  messagesRef.current = t;
  // A paste over LARGE_PASTE_BYTES waits here until the learner confirms it.
  const [largePaste, setLargePaste] = useState<{ text: string; bytes: number } | null>(null);
  const pasteDialog = useRef<HTMLDialogElement>(null);
  const [ctrl] = useState(() => new CtrlLatch());
  const coarsePointer = useMediaQuery(COARSE_POINTER);
  const [focused, setFocused] = useState(false);
  const ctrlArmed = useObservable(ctrl.armed);
  const describedBy = useId();
  const focusRef = useRef(onFocusChange);
  focusRef.current = onFocusChange;
  const armedRef = useRef(onEscapeArmed);
  armedRef.current = onEscapeArmed;

  /** Every paste goes through here: big ones ask first, the rest go to xterm (bracketed, paced). */
  const pasteRef = useRef<(text: string, bytes?: number) => void>(() => {});
  pasteRef.current = (text: string, bytes = pasteBytes(text)) => {
    if (!term || !text) return;
    if (bytes > LARGE_PASTE_BYTES) setLargePaste({ text, bytes });
    else term.paste(text);
  };
  useEffect(() => {
    if (largePaste) pasteDialog.current?.showModal();
  }, [largePaste]);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => term?.focus(),
      clear: () => term?.reset(),
    }),
    [term],
  );

  // Create the terminal once.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let cleanup = () => {};

    (async () => {
      const [{ Terminal }, { FitAddon }, { WebLinksAddon }, { Unicode11Addon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        import("@xterm/addon-web-links"),
        import("@xterm/addon-unicode11"),
      ]);
      if (disposed) return;

      const xterm = new Terminal({
        allowProposedApi: true, // needed for term.unicode (unicode11)
        // OSC 8 hyperlinks from the guest: http(s) only, after showing the real address.
        linkHandler: createLinkHandler({
          confirm: (url) => window.confirm(format(messagesRef.current.openLink, { url })),
          open: openExternal,
        }),
        // Window manipulation (CSI … t: move, resize, iconify, report the title) stays off, as is
        // xterm's default; said here so that nobody turns it on by accident.
        windowOptions: {},
        convertEol: false,
        // A steady cursor (xterm's default). Its blink is a looping CSS animation, and Chromium
        // then services the page every frame, taking a share of the core the emulator needs
        // (docs/performance.md).
        cursorBlink: false,
        fontFamily:
          '"DejaVu Sans Mono", "Cascadia Mono", "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace',
        fontSize: 14,
        lineHeight: 1.15,
        scrollback: 5000,
        theme,
      });
      const fit = new FitAddon();
      xterm.loadAddon(fit);
      // Plain-text URLs (the addon only matches http(s)), opened without access to this page.
      // No clipboard addon: OSC 52 from the guest can neither read nor write the clipboard.
      xterm.loadAddon(new WebLinksAddon((_event, uri) => openExternal(uri)));
      xterm.loadAddon(new Unicode11Addon());
      xterm.unicode.activeVersion = "11";
      xterm.open(host);
      // Loaded after open(): they work on the element xterm is in. xterm disposes them with itself.
      xterm.loadAddon(new LargePasteGuard(host, (text, bytes) => pasteRef.current(text, bytes)));
      xterm.loadAddon(
        new ClipboardKeys({
          host,
          copy: (text) => void copyText(text),
          read: readText,
          paste: (text) => pasteRef.current(text),
          onReadRefused: () => noticeRef.current?.(messagesRef.current.pasteFailed),
        }),
      );
      xterm.loadAddon(new EscapeThenTab(host, { onArmed: (armed) => armedRef.current?.(armed) }));
      xterm.loadAddon(new AutoFit(host, () => fit.fit()));
      // Named and described in the page's language: what it is, and how to leave it.
      xterm.textarea?.setAttribute("aria-label", messagesRef.current.label);
      xterm.textarea?.setAttribute("aria-describedby", describedBy);
      xterm.loadAddon(new TerminalHookAddon());
      setTerm(xterm);
      cleanup = () => xterm.dispose();
    })();

    return () => {
      disposed = true;
      cleanup();
      setTerm(null);
    };
  }, []);

  useEffect(() => {
    if (term) term.options.screenReaderMode = screenReaderMode;
  }, [term, screenReaderMode]);

  // Connect the guest's console to this terminal.
  useEffect(() => {
    if (!term || !sandbox) return;
    const adapter = createTerminalAdapter(term, undefined, ctrl.apply);
    const detach = sandbox.attachTerminal(adapter);
    return () => {
      detach();
      adapter.dispose();
    };
  }, [term, sandbox, ctrl]);

  function onContextMenu(event: MouseEvent<HTMLDivElement>) {
    if (!term) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    // Keyboard-opened menus (Shift+F10) report 0,0: place the menu near the top left.
    const x = event.clientX || box.left + 24;
    const y = event.clientY || box.top + 24;
    setMenu({ x: x - box.left, y: y - box.top });
  }

  // The key row shows while the focus is anywhere in here (the terminal's input, or the row itself
  // for a keyboard user); the hint about leaving is about the terminal's input only.
  const isInput = (target: EventTarget | null) => target instanceof HTMLTextAreaElement;
  function onFocus(event: FocusEvent<HTMLDivElement>) {
    setFocused(true);
    if (isInput(event.target)) focusRef.current?.(true);
  }
  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
    if (isInput(event.target)) focusRef.current?.(false);
  }

  return (
    <div className="relative flex h-full w-full flex-col" onContextMenu={onContextMenu} onFocus={onFocus} onBlur={onBlur}>
      <div
        ref={hostRef}
        data-testid="terminal"
        aria-label={t.label}
        className="dbl-terminal-host min-h-0 w-full flex-1 overflow-hidden bg-term"
      />
      <p id={describedBy} className="sr-only">
        {t.description}
      </p>
      {term && coarsePointer && (focused || ctrlArmed) ? <TouchKeyRow term={term} ctrl={ctrl} /> : null}
      {menu && term && (
        <TerminalContextMenu
          x={menu.x}
          y={menu.y}
          canCopy={term.hasSelection()}
          onClose={() => {
            setMenu(null);
            term.focus();
          }}
          onCopy={() => void copyText(term.getSelection())}
          onPaste={() =>
            void readText().then((text) => {
              if (text === null) onNotice?.(t.pasteFailed);
              else pasteRef.current(text);
            })
          }
          onSelectAll={() => term.selectAll()}
        />
      )}
      <dialog
        ref={pasteDialog}
        aria-labelledby="dbl-paste-title"
        className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-line bg-elevated p-0 text-fg shadow-xl backdrop:bg-slate-950/50"
        data-testid="paste-confirm"
        onClose={() => {
          const paste = largePaste;
          setLargePaste(null);
          if (paste && term && pasteDialog.current?.returnValue === "paste") {
            term.scrollToBottom();
            pasteLarge(term, paste.text);
          }
          term?.focus();
        }}
      >
        {largePaste && (
          <form method="dialog" className="p-6">
            <h2 id="dbl-paste-title" className="text-lg font-semibold">
              {format(t.largePasteTitle, { size: formatBytes(largePaste.bytes, locale) })}
            </h2>
            <p className="mt-2 text-sm leading-relaxed text-muted">
              {format(t.largePasteBody, { seconds: pasteSeconds(largePaste.bytes) })}
            </p>
            <div className="mt-6 flex justify-end gap-3">
              <button type="submit" value="cancel" className="btn btn-secondary btn-sm" autoFocus data-testid="paste-cancel">
                {t.cancel}
              </button>
              <button type="submit" value="paste" className="btn btn-primary btn-sm" data-testid="paste-ok">
                {t.largePasteConfirm}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
});
