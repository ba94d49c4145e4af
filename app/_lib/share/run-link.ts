// A lab from a link: /play/?run=<commands> (or a lesson's address with ?run=) prepares commands
// for the learner, who reads them and presses Run. Nothing here runs anything: this reads the
// commands out of an address, refuses what a link may not carry, and builds such addresses.
//
// A link may carry at most MAX_RUN_CHARS characters in at most MAX_RUN_LINES lines of printable
// text. Control characters are refused, not cleaned: an escape sequence would drive the terminal
// (clear it, retitle it, move the cursor over what was shown), a carriage return or a tab would
// act as a key, and the bidirectional and invisible formatting characters make the text shown
// differ from the text run. A refused link names what it met, so the learner knows why.

export const RUN_PARAM = "run";
export const MAX_RUN_CHARS = 2000;
export const MAX_RUN_LINES = 20;

export type PreparedCommands =
  | { kind: "none" }
  | { kind: "commands"; commands: string[] }
  | { kind: "too-long"; chars: number }
  | { kind: "too-many-lines"; lines: number }
  | { kind: "control-character"; codePoint: string; line: number };

/**
 * C0 and C1 controls but the line feed, DEL, the bidirectional embeddings, overrides and isolates,
 * zero-width and invisible formatting characters, the line and paragraph separators, and the BOM.
 */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/u;

/** The commands a `run` value prepares, one per line; blank lines are dropped. */
export function parseCommands(value: string | null): PreparedCommands {
  if (value === null) return { kind: "none" };
  // Measured before anything else is done with it: a megabyte is refused at once.
  if (value.length > MAX_RUN_CHARS) return { kind: "too-long", chars: value.length };
  const text = value.replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const found = FORBIDDEN.exec(lines[i]);
    if (found) {
      return { kind: "control-character", codePoint: `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, line: i + 1 };
    }
  }
  const commands = lines.map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  if (commands.length === 0) return { kind: "none" };
  if (commands.length > MAX_RUN_LINES) return { kind: "too-many-lines", lines: commands.length };
  return { kind: "commands", commands };
}

/** The commands prepared by a page's query string (location.search). */
export function preparedCommandsOf(search: string): PreparedCommands {
  return parseCommands(new URLSearchParams(search).get(RUN_PARAM));
}

/** What the Run button types: each command followed by Enter, as a learner would. */
export function typedCommands(commands: readonly string[]): string {
  return commands.map((command) => command + "\r").join("");
}

/** An address that prepares `commands` on `pageUrl` (the lesson's or the sandbox's, absolute). */
export function runLinkUrl(pageUrl: string, commands: readonly string[]): string {
  const url = new URL(pageUrl);
  url.search = "";
  url.hash = "";
  const text = commands.map((c) => c.trimEnd()).filter((c) => c.trim() !== "").join("\n");
  // encodeURIComponent, not URLSearchParams: a space stays %20 (URLSearchParams writes "+", which
  // a person reading the link could take for a plus sign).
  return text === "" ? url.href : `${url.href}?${RUN_PARAM}=${encodeURIComponent(text)}`;
}
