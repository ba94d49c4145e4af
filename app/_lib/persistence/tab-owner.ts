// One tab at a time owns the machine (and writes its saved state): the owner holds a Web Lock.
// Another tab says so and offers "Use it here": it asks the owner over a BroadcastChannel to save
// and let go, then waits for the lock (taking it by force only if the owner never answers, e.g.
// a frozen tab), and resumes what the owner saved.
//
//   const owner = new TabOwnership({ onHandover: async () => { await save(); await stop(); } });
//   if (await owner.claim()) start(); else showElsewhere();
//   await owner.takeOver();   // "Use it here"

import { type Observable, Store } from "@/emulator/browser";

export const MACHINE_LOCK = "dbl:v1:machine";
export const OWNER_CHANNEL = "dbl:v1:machine-owner";

export type OwnershipState =
  | "unknown" // not asked yet
  | "owner" // this tab holds the lock
  | "elsewhere" // another tab holds it
  | "taking-over" // asked the owner to let go, waiting
  | "handing-over"; // another tab asked; saving and letting go

export type OwnerMessage =
  | { type: "handover-request"; from: string }
  | { type: "released"; from: string; saved: boolean }
  | { type: "owner"; from: string };

/** The parts of `navigator.locks` used here (a fake in unit tests). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal; mode?: "exclusive" },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

export interface ChannelLike {
  postMessage(message: OwnerMessage): void;
  addEventListener(type: "message", listener: (event: { data: OwnerMessage }) => void): void;
  close(): void;
}

export interface TabOwnershipOptions {
  /** Called in the owner when another tab asks for the machine: save it and stop it. */
  onHandover(): Promise<boolean>;
  /** Called when this tab lost the machine without a handover (the lock was taken by force). */
  onLost?(): void;
  locks?: LockManagerLike | null;
  channel?: ChannelLike | null;
  tabId?: string;
  /** How long to wait for the owner before taking the lock by force. */
  stealAfterMs?: number;
}

export class TabOwnership {
  readonly state = new Store<OwnershipState>("unknown");
  readonly tabId: string;
  private readonly locks: LockManagerLike | null;
  private readonly channel: ChannelLike | null;
  private release: (() => void) | null = null;
  private handingOver = false;

  constructor(private readonly options: TabOwnershipOptions) {
    this.tabId = options.tabId ?? Math.random().toString(36).slice(2);
    this.locks =
      options.locks !== undefined
        ? options.locks
        : typeof navigator !== "undefined" && "locks" in navigator
          ? (navigator.locks as unknown as LockManagerLike)
          : null;
    this.channel =
      options.channel !== undefined
        ? options.channel
        : typeof BroadcastChannel === "function"
          ? (new BroadcastChannel(OWNER_CHANNEL) as unknown as ChannelLike)
          : null;
    this.channel?.addEventListener("message", (event) => void this.onMessage(event.data));
  }

  get observable(): Observable<OwnershipState> {
    return this.state;
  }

  get isOwner(): boolean {
    return this.state.get() === "owner";
  }

  /** Owner, or still holding the lock while handing over (its last save happens then). */
  get holdsLock(): boolean {
    return this.state.get() === "owner" || this.state.get() === "handing-over";
  }

  /** Takes the machine if no other tab has it. Returns whether this tab owns it now. */
  async claim(): Promise<boolean> {
    if (this.isOwner) return true;
    if (!this.locks) {
      this.state.set("owner"); // no Web Locks (very old browser): every tab is its own owner
      return true;
    }
    const got = await this.hold({ ifAvailable: true });
    this.state.set(got ? "owner" : "elsewhere");
    if (got) this.post({ type: "owner", from: this.tabId });
    return got;
  }

  /** "Use it here": asks the owner to save and let go, then takes the lock. */
  async takeOver(): Promise<void> {
    if (this.isOwner) return;
    if (!this.locks) return void this.state.set("owner");
    this.state.set("taking-over");
    this.post({ type: "handover-request", from: this.tabId });
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.stealAfterMs ?? 60_000);
    let got = false;
    try {
      got = await this.hold({ signal: abort.signal });
    } catch {
      got = false;
    } finally {
      clearTimeout(timer);
    }
    if (!got) got = await this.hold({ steal: true }); // the owner never answered
    this.state.set(got ? "owner" : "elsewhere");
    if (got) this.post({ type: "owner", from: this.tabId });
  }

  /**
   * Requests the lock; resolves true once held (kept until `let go`), false if not available.
   * Rejects if the wait was aborted.
   */
  private hold(options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal }): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const request = this.locks!.request(MACHINE_LOCK, options, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        return new Promise<void>((release) => (this.release = release));
      });
      request.catch((err: unknown) => {
        // Either the wait was aborted (not held yet) or the lock was stolen from us later.
        if (this.release && this.isOwner) {
          this.release = null;
          this.state.set("elsewhere");
          this.options.onLost?.();
        }
        reject(err);
      });
    });
  }

  private async onMessage(message: OwnerMessage): Promise<void> {
    if (!message || message.from === this.tabId) return;
    if (message.type === "handover-request" && this.isOwner && !this.handingOver) {
      this.handingOver = true;
      this.state.set("handing-over");
      let saved = false;
      try {
        saved = await this.options.onHandover();
      } catch {
        saved = false;
      } finally {
        this.letGo();
        this.handingOver = false;
        this.state.set("elsewhere");
        this.post({ type: "released", from: this.tabId, saved });
      }
    } else if (message.type === "owner" && !this.isOwner && this.state.get() === "unknown") {
      this.state.set("elsewhere");
    }
  }

  private post(message: OwnerMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (the page is going away): nothing to tell.
    }
  }

  /** Gives up the lock (the page stops using the machine). */
  letGo(): void {
    const release = this.release;
    this.release = null;
    if (this.isOwner || this.state.get() === "handing-over") this.state.set("elsewhere");
    release?.();
  }

  dispose(): void {
    this.letGo();
    this.channel?.close();
  }
}
