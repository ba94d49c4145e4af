// The on-screen key row's Ctrl. A touch keyboard has no Ctrl key, so the row's Ctrl is pressed
// first and holds until the next key: that key's character becomes its control character on its
// way to the guest (Ctrl then C sends ^C, which stops a command). Applied to the terminal's input
// (the adapter's transformInput), so it works whichever way the letter arrives: a key event, or a
// touch keyboard's text input.

import { Store, type Observable } from "@/emulator/browser";

/** The control character a terminal sends for Ctrl + `char`, or null where there is none. */
export function controlCharacter(char: string): string | null {
  if (char.length !== 1) return null;
  if (char === " ") return "\x00";
  if (char === "?") return "\x7f";
  const code = char.toUpperCase().charCodeAt(0);
  // @ A-Z [ \ ] ^ _  ->  0x00-0x1f
  return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code - 0x40) : null;
}

export class CtrlLatch {
  private readonly state = new Store(false);

  /** Whether the next key is taken with Ctrl. */
  get armed(): Observable<boolean> {
    return this.state;
  }

  toggle(): void {
    this.state.set(!this.state.get());
  }

  /** Input on its way to the guest: while armed, its first character becomes a control character. */
  apply = (data: string): string => {
    if (!this.state.get() || data === "") return data;
    this.state.set(false); // one key only, as a held Ctrl would be released
    const control = controlCharacter(data[0]);
    return control === null ? data : control + data.slice(1);
  };
}
