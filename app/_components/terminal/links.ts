// Links in the terminal come from the guest, which the learner (or a program they run) controls:
// an OSC 8 hyperlink can show one text and point anywhere. Only http(s) links open, in a new tab
// without access to this page, after the learner has seen the real address.

/** True for absolute http: and https: URLs only (javascript:, data:, file:, … are refused). */
export function isHttpUrl(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export interface LinkOpener {
  /** Asks the learner; returns true to open. */
  confirm(uri: string): boolean;
  open(uri: string): void;
}

/** xterm.js `linkHandler` for OSC 8 links. */
export function createLinkHandler(opener: LinkOpener) {
  return {
    // xterm itself drops non-http(s) OSC 8 links unless this is true; we check again below.
    allowNonHttpProtocols: false,
    activate(_event: MouseEvent, uri: string) {
      if (!isHttpUrl(uri)) return;
      if (opener.confirm(uri)) opener.open(uri);
    },
  };
}

/** Opens in a new tab that cannot reach back into this page (no opener, no referrer). */
export function openExternal(uri: string): void {
  if (isHttpUrl(uri)) window.open(uri, "_blank", "noopener,noreferrer");
}
