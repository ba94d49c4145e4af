// What the browser benchmarks share: the production build served on a free port, a proxy that
// counts the bytes sent to the browser, fresh Chromium contexts, and waiting on the terminal.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** scripts/serve.mjs on a free port; `env` e.g. { OUT_DIR } to serve another build. */
export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/[^\s]+?)\/?\s/);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
  return { url, child };
}

/** A link to model between the browser and the server: downstream bandwidth and round-trip time. */
export type Link = { downBitsPerSecond: number; rttMs: number };

/** A school's network, as issue 27 sets it: 25 Mbit/s down, 40 ms round trip. */
export const SCHOOL_LINK: Link = { downBitsPerSecond: 25e6, rttMs: 40 };

/**
 * A TCP proxy that counts the bytes the server sends to the browser and, given a link, delays them
 * as that link would: half the round trip each way, and the server's bytes queued through one
 * shared downstream pipe. It throttles at the proxy, not with Chromium's network emulation,
 * because the emulator's downloads run in a Web Worker and through the service worker, which the
 * page target's emulation does not cover.
 */
export async function startCountingProxy(
  target: URL,
): Promise<{ url: string; server: Server; bytes: () => number; reset: () => void; setLink: (link: Link | null) => void }> {
  let bytes = 0;
  let link: Link | null = null;
  let pipeFreeAt = 0; // when the modelled downstream pipe has sent everything queued so far
  const later = (ms: number, send: () => void) => (ms > 0 ? setTimeout(send, ms) : send());
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    upstream.on("data", (chunk) => {
      bytes += chunk.length;
      if (!link) return void client.write(chunk);
      const now = performance.now();
      pipeFreeAt = Math.max(pipeFreeAt, now + link.rttMs / 2) + (chunk.length * 8 * 1000) / link.downBitsPerSecond;
      later(pipeFreeAt - now, () => client.writable && client.write(chunk));
    });
    client.on("data", (chunk) => later(link ? link.rttMs / 2 : 0, () => upstream.writable && upstream.write(chunk)));
    const close = () => (client.destroy(), upstream.destroy());
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", close);
    // The server closing must not cut off bytes still queued in the modelled pipe.
    upstream.on("close", () => later(link ? pipeFreeAt - performance.now() + 1 : 0, close));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    bytes: () => bytes,
    reset: () => (bytes = 0),
    setLink: (next) => ((link = next), (pipeFreeAt = 0)),
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
export const stats = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)), runs: xs.map(Math.round) });

export const terminalText = (page: Page) => page.evaluate(() => (window as any).__dblTerminalText?.() ?? "");

/** Milliseconds since this document's navigation start when the prompt is live with Docker up. */
export async function waitReady(page: Page, timeout = 300_000): Promise<number> {
  await page.waitForFunction(
    () =>
      document.querySelector("[data-testid=terminal-pane]")?.getAttribute("data-status") === "ready" &&
      /root@lab:~# $/m.test((window as any).__dblTerminalText?.() ?? ""),
    null,
    { timeout, polling: 50 },
  );
  return page.evaluate(() => performance.now());
}

export async function runCommand(page: Page, command: string, done: RegExp, timeout = 300_000): Promise<number> {
  const before = (await terminalText(page)).length;
  const started = Date.now();
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    ([from, source]) => new RegExp(source, "m").test(((window as any).__dblTerminalText?.() ?? "").slice(from as number)),
    [before, done.source] as const,
    { timeout, polling: 20 },
  );
  return Date.now() - started;
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx names inner functions of the callbacks given to page.evaluate through a __name() helper
  // the page lacks; give the page a no-op one.
  await context.addInitScript("window.__name = (f) => f;");
  return context;
}
