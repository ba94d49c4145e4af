import assert from "node:assert/strict";
import { test } from "node:test";
import { AutoFit, type FitEnvironment } from "./auto-fit";

/** Frames and a ResizeObserver that run when the test says. */
function environment() {
  const frames = new Map<number, () => void>();
  let next = 0;
  const observers: Array<{ callback: () => void; observing: boolean }> = [];
  const env: FitEnvironment = {
    ResizeObserver: class {
      private readonly entry: { callback: () => void; observing: boolean };
      constructor(callback: () => void) {
        this.entry = { callback, observing: false };
        observers.push(this.entry);
      }
      observe() {
        this.entry.observing = true;
      }
      disconnect() {
        this.entry.observing = false;
      }
    },
    requestAnimationFrame: (callback) => (frames.set(++next, callback), next),
    cancelAnimationFrame: (handle) => void frames.delete(handle),
  };
  return {
    env,
    frame: () => {
      const due = [...frames.values()];
      frames.clear();
      due.forEach((f) => f());
    },
    resize: () => observers.filter((o) => o.observing).forEach((o) => o.callback()),
    observing: () => observers.some((o) => o.observing),
  };
}

test("fits once at activation and once per frame however often the element resizes", () => {
  const e = environment();
  const host = { clientWidth: 640, clientHeight: 400 };
  let fits = 0;
  const addon = new AutoFit(host, () => fits++, e.env);
  addon.activate();
  e.frame();
  assert.equal(fits, 1);
  e.resize();
  e.resize();
  e.resize();
  e.frame();
  assert.equal(fits, 2);
});

test("a hidden (zero-sized) element is not fitted; a throwing fit waits for the next resize", () => {
  const e = environment();
  const host = { clientWidth: 0, clientHeight: 400 };
  let fits = 0;
  const addon = new AutoFit(host, () => {
    fits++;
    throw new Error("not rendered yet");
  }, e.env);
  addon.activate();
  e.frame();
  assert.equal(fits, 0);
  host.clientWidth = 640;
  e.resize();
  e.frame();
  assert.equal(fits, 1);
});

test("dispose stops observing and drops a frame already asked for", () => {
  const e = environment();
  let fits = 0;
  const addon = new AutoFit({ clientWidth: 640, clientHeight: 400 }, () => fits++, e.env);
  addon.activate();
  addon.dispose();
  e.frame();
  assert.equal(fits, 0);
  assert.equal(e.observing(), false);
});
