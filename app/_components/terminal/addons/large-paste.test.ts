import assert from "node:assert/strict";
import { test } from "node:test";
import { LARGE_PASTE_BYTES } from "../paced-input";
import { LargePasteGuard, type PasteHost } from "./large-paste";

/** A paste event as the browser sends it, with a record of what the guard did to it. */
function pasteEvent(text: string) {
  const event = new Event("paste", { cancelable: true }) as Event & { clipboardData: { getData(type: string): string } };
  event.clipboardData = { getData: (type) => (type === "text/plain" ? text : "") };
  return event as unknown as ClipboardEvent;
}

test("a paste over the limit is stopped before xterm and handed over with its size", () => {
  const host = new EventTarget() as unknown as PasteHost;
  const caught: Array<[number, number]> = [];
  const guard = new LargePasteGuard(host, (text, bytes) => caught.push([text.length, bytes]));
  guard.activate();
  const big = "é".repeat(LARGE_PASTE_BYTES / 2 + 1); // two bytes each in UTF-8
  const event = pasteEvent(big);
  (host as unknown as EventTarget).dispatchEvent(event);
  assert.equal(event.defaultPrevented, true);
  assert.deepEqual(caught, [[big.length, LARGE_PASTE_BYTES + 2]]);
});

test("a paste up to the limit goes on to xterm untouched; after dispose nothing is caught", () => {
  const host = new EventTarget() as unknown as PasteHost;
  let caught = 0;
  const guard = new LargePasteGuard(host, () => caught++);
  guard.activate();
  const fits = pasteEvent("a".repeat(LARGE_PASTE_BYTES));
  (host as unknown as EventTarget).dispatchEvent(fits);
  assert.equal(fits.defaultPrevented, false);
  guard.dispose();
  const big = pasteEvent("a".repeat(LARGE_PASTE_BYTES + 1));
  (host as unknown as EventTarget).dispatchEvent(big);
  assert.equal(big.defaultPrevented, false);
  assert.equal(caught, 0);
});
