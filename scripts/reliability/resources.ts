// The heavy resources the rows share, each started on first use: the built site served by
// scripts/serve.mjs (its real headers, CSP included) on a free port, and Debian's Chromium.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createNodeSandbox, type GuestMachine } from "../../emulator/node";

/** A port the kernel says is free now, from 3300 up (the project's range for test servers). */
async function freePort(from = 3300): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${from + 199}`);
}

export class SiteServer {
  private child: ChildProcess | null = null;
  url = "";

  constructor(private readonly root: string) {}

  async start(): Promise<string> {
    if (!existsSync(path.join(this.root, "out", "index.html"))) {
      throw new Error("out/ has no built site: run `node scripts/build-worker.mjs && npx next build` first");
    }
    const port = await freePort();
    this.child = spawn(process.execPath, [path.join(this.root, "scripts", "serve.mjs")], {
      cwd: this.root,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    this.child.stdout!.on("data", (d) => (output += d));
    this.child.stderr!.on("data", (d) => (output += d));
    const child = this.child;
    child.on("exit", (code, signal) => {
      if (this.child === child) process.stderr.write(`serve.mjs stopped unexpectedly (${code ?? signal}):\n${output}\n`);
    });
    this.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`serve.mjs exited: ${output}`);
      try {
        if ((await fetch(`${this.url}/en/`)).ok) return this.url;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`serve.mjs did not answer within 30 s: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}

/** The real guest (the artifacts of `npm run guest:build` in .cache/guest), resumed and ready. */
export async function startGuest(): Promise<GuestMachine> {
  const machine = await createNodeSandbox();
  await machine.start();
  return machine;
}
