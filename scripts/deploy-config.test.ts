// docs/deploy.md's host configurations say what scripts/serve.mjs does: its nginx block, served by
// a real nginx, and its Netlify `_headers` rules give the same headers as serve.mjs for the same
// files (a small site made here); and the site in out/ fits every host in its limits table.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { brotliCompressSync, gzipSync } from "node:zlib";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DEPLOY_DOC, NGINX, fencedBlock, startNginx } from "./nginx-site.mjs";

const root = path.resolve(import.meta.dirname, "..");
const doc = readFileSync(DEPLOY_DOC, "utf8");
const VERSION = "587552220523-8042f143";

/** A small static export with one file of each kind the site serves. */
const SITE: Record<string, string> = {
  "index.html": "<!doctype html><script>location.replace('/en/')</script>",
  "404.html": "<!doctype html><title>Not found</title><script>self.__next_f=[]</script>",
  "en/index.html": "<!doctype html><script>document.documentElement.dataset.theme='dark'</script>",
  "en/play/index.html": "<!doctype html><script>self.__next_f=[1]</script><script src=\"/_next/static/chunks/main-0a1b2c3d.js\"></script>",
  "en/__next._tree.txt": "0:{}",
  "embed/pull/pull-busybox/index.html": "<!doctype html><script>self.__next_f=[2]</script>",
  "_next/static/chunks/main-0a1b2c3d.js": "console.log(1)",
  "_next/static/css/app-0a1b2c3d.css": "body{}",
  "icon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
  "sw.js": "self.addEventListener('fetch',()=>{})",
  "emulator/sandbox-worker.js": "postMessage(1)",
  "guest/manifest.json": "{}",
  "guest/packages.json": "[]",
  [`guest/${VERSION}/v86.wasm`]: "\0asm",
  [`guest/${VERSION}/bios.bin`]: "bios",
  [`guest/${VERSION}/bzImage`]: "kernel",
  [`guest/${VERSION}/initrd.img`]: "initrd",
  [`guest/${VERSION}/welcome.txt`]: "Welcome",
  [`guest/${VERSION}/startup-parts.json`]: "[]",
  [`guest/${VERSION}/state/state-0.bin.zst`]: "\x28\xb5\x2f\xfd state",
  [`guest/${VERSION}/disk/disk-0-262144.img.zst`]: "\x28\xb5\x2f\xfd disk",
};
/** The compressed copies scripts/precompress.mjs writes beside compressible files: here, a script's and v86's. */
const COMPRESSED = ["_next/static/chunks/main-0a1b2c3d.js", `guest/${VERSION}/v86.wasm`];
const PATHS = [
  "/",
  "/en/",
  "/en/play/",
  "/en/play?run=docker%20ps",
  "/en/__next._tree.txt",
  "/embed/pull/pull-busybox/",
  "/_next/static/chunks/main-0a1b2c3d.js",
  "/_next/static/css/app-0a1b2c3d.css",
  "/icon.svg",
  "/sw.js",
  "/emulator/sandbox-worker.js",
  "/guest/manifest.json",
  "/guest/packages.json",
  "/guest/packages.json?v=2",
  ...Object.keys(SITE).filter((file) => file.startsWith(`guest/${VERSION}/`)).map((file) => `/${file}`),
  "/no/such/page/",
  "/embed/",
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Answer = { status: number; headers: Record<string, string> };

async function answer(base: string, pathname: string): Promise<Answer> {
  const response = await fetch(base + pathname, { redirect: "manual", headers: { "accept-encoding": "gzip, br, zstd" } });
  await response.arrayBuffer();
  return { status: response.status, headers: Object.fromEntries(response.headers) };
}

/** The CSP's directives, by name; script-src apart (serve.mjs allows each page's inline scripts by hash, a static host cannot). */
function policy(csp: string | undefined): Record<string, string> {
  assert.ok(csp, "a Content-Security-Policy");
  return Object.fromEntries(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(" ")]));
}

function assertSamePolicy(got: string | undefined, want: string | undefined, where: string, { framing = true } = {}) {
  const a = policy(got);
  const b = policy(want);
  if (!framing) {
    // A 404 page: serve.mjs decides by the address asked for, nginx by its error page's (/404.html).
    delete a["frame-ancestors"];
    delete b["frame-ancestors"];
  }
  assert.match(a["script-src"], /^'self' 'wasm-unsafe-eval'( |$)/, `${where}: script-src`);
  assert.match(b["script-src"], /^'self' 'wasm-unsafe-eval'( |$)/, `${where}: serve.mjs's script-src`);
  delete a["script-src"];
  delete b["script-src"];
  assert.deepEqual(a, b, `${where}: Content-Security-Policy`);
}

const contentType = (value: string | undefined) => (value ?? "").toLowerCase().replace(/\s+/g, "");

describe("docs/deploy.md's nginx configuration, served by nginx", { skip: !existsSync(NGINX) && `${NGINX} is not installed (scripts/setup.sh installs it)` }, () => {
  let site: string;
  let serve: ReturnType<typeof spawn>;
  let nginx: ReturnType<typeof startNginx>;
  let serveBase: string;
  let nginxBase: string;

  before(async () => {
    site = mkdtempSync(path.join(tmpdir(), "dbl-site-"));
    for (const [file, text] of Object.entries(SITE)) {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), text, "latin1");
    }
    for (const file of COMPRESSED) {
      writeFileSync(path.join(site, `${file}.gz`), gzipSync(Buffer.from(SITE[file], "latin1")));
      writeFileSync(path.join(site, `${file}.br`), brotliCompressSync(Buffer.from(SITE[file], "latin1")));
    }
    const [servePort, nginxPort] = [await freePort(), await freePort()];
    serve = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], { env: { ...process.env, PORT: String(servePort), OUT_DIR: site }, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      serve.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("serving") && resolve());
      serve.once("exit", (code) => reject(new Error(`serve.mjs exited (${code})`)));
    });
    nginx = startNginx({ port: nginxPort, siteDir: site });
    serveBase = `http://127.0.0.1:${servePort}`;
    nginxBase = `http://127.0.0.1:${nginxPort}`;
    for (let tries = 0; ; tries++) {
      try {
        await fetch(`${nginxBase}/`);
        break;
      } catch (err) {
        if (tries > 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  after(async () => {
    serve?.kill();
    await nginx?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("every kind of file gets serve.mjs's status, content type, caching, security headers and Content-Encoding", async () => {
    for (const pathname of PATHS) {
      const [want, got] = [await answer(serveBase, pathname), await answer(nginxBase, pathname)];
      const where = `nginx ${pathname}`;
      if (want.status >= 300 && want.status < 400) {
        assert.ok(got.status >= 300 && got.status < 400, `${where}: a redirect, got ${got.status}`);
        assert.equal(got.headers.location, want.headers.location, `${where}: Location`);
      } else {
        assert.equal(got.status, want.status, `${where}: status`);
        // serve.mjs names no type for a file without an extension (bzImage); nginx's default is the right one.
        const wanted = contentType(want.headers["content-type"]) || "application/octet-stream";
        assert.equal(contentType(got.headers["content-type"]), wanted, `${where}: Content-Type`);
        assert.equal(got.headers["cache-control"], want.headers["cache-control"], `${where}: Cache-Control`);
      }
      assertSamePolicy(got.headers["content-security-policy"], want.headers["content-security-policy"], where, { framing: want.status !== 404 });
      for (const name of ["x-content-type-options", "referrer-policy"]) assert.equal(got.headers[name], want.headers[name], `${where}: ${name}`);
      // Compressed only where the build wrote copies, never the .zst files the emulator decompresses
      // itself: serve.mjs sends the Brotli copy, the doc's nginx (gzip_static) the gzip one.
      const compressed = COMPRESSED.some((file) => pathname === `/${file}`);
      assert.equal(want.headers["content-encoding"], compressed ? "br" : undefined, `serve.mjs ${pathname}: Content-Encoding`);
      assert.equal(got.headers["content-encoding"], compressed ? "gzip" : undefined, `${where}: Content-Encoding`);
      assert.equal(got.headers["x-frame-options"], undefined, `${where}: X-Frame-Options`);
    }
  });

  test("the files that matter most, spelled out", async () => {
    const state = await answer(nginxBase, `/guest/${VERSION}/state/state-0.bin.zst`);
    assert.equal(state.headers["content-type"], "application/zstd");
    assert.equal(state.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal((await answer(nginxBase, `/guest/${VERSION}/v86.wasm`)).headers["content-type"], "application/wasm");
    assert.equal((await answer(nginxBase, "/guest/manifest.json")).headers["cache-control"], "no-cache");
    assert.match((await answer(nginxBase, "/embed/pull/pull-busybox/")).headers["content-security-policy"], /frame-ancestors \*$/);
    assert.match((await answer(nginxBase, "/en/play/")).headers["content-security-policy"], /frame-ancestors 'none'$/);
    const redirect = await answer(nginxBase, "/en/play?run=docker%20ps");
    assert.equal(redirect.headers.location, "/en/play/?run=docker%20ps");
    const missing = await answer(nginxBase, "/no/such/page/");
    assert.equal(missing.status, 404);
    assert.match(missing.headers["content-type"], /^text\/html/);
  });
});

/** The rules of a `_headers` file: path pattern and headers, in order. */
function headerRules(text: string): { pattern: RegExp; headers: [string, string][] }[] {
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(`^${line.trim().split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
      rules.push({ pattern, headers: [] });
    } else {
      const at = line.indexOf(":");
      rules.at(-1)!.headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers of every rule that matches, a later rule's replacing an earlier one's (Netlify). */
function headersFor(rules: ReturnType<typeof headerRules>, pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) if (rule.pattern.test(pathname)) for (const [name, value] of rule.headers) headers[name] = value;
  return headers;
}

/** A doc section's one fenced block of `language`: the section starts at the heading and ends at the next of its level. */
function sectionBlock(heading: string, language: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/deploy.md has no "${heading}"`);
  const level = heading.split(" ")[0];
  const next = doc.indexOf(`\n${level} `, start + heading.length + 2);
  return fencedBlock(doc.slice(start, next < 0 ? undefined : next), language, `docs/deploy.md's "${heading}"`);
}

test("the Netlify _headers rules give serve.mjs's caching and security headers", async (t) => {
  const rules = headerRules(sectionBlock("## Example: Netlify `_headers`", "text"));
  const site = mkdtempSync(path.join(tmpdir(), "dbl-site-"));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(SITE)) {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), text, "latin1");
  }
  const port = await freePort();
  const serve = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], { env: { ...process.env, PORT: String(port), OUT_DIR: site }, stdio: ["ignore", "pipe", "inherit"] });
  t.after(() => serve.kill());
  await new Promise<void>((resolve) => serve.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("serving") && resolve()));
  for (const pathname of PATHS.filter((p) => !p.includes("?") && !p.startsWith("/no/") && p !== "/embed/")) {
    const want = (await answer(`http://127.0.0.1:${port}`, pathname)).headers;
    const got = headersFor(rules, pathname);
    const where = `_headers ${pathname}`;
    assert.equal(got["cache-control"], want["cache-control"], `${where}: Cache-Control`);
    assertSamePolicy(got["content-security-policy"], want["content-security-policy"], where);
    for (const name of ["x-content-type-options", "referrer-policy"]) assert.equal(got[name], want[name], `${where}: ${name}`);
  }
});

/** "25 MiB", "1 GB", "20,000" as numbers; "-" (no limit) as Infinity. */
function amount(text: string): number {
  const clean = text.replace(/\(.*?\)/g, "").replace(/,/g, "").trim();
  if (clean === "-" || clean === "—" || clean === "") return Infinity;
  const match = /^([\d.]+)\s*(KiB|MiB|GiB|KB|MB|GB)?/.exec(clean);
  assert.ok(match, `"${text}" is not an amount`);
  const unit = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, KB: 1e3, MB: 1e6, GB: 1e9 }[match[2] ?? ""] ?? 1;
  return Number(match[1]) * unit;
}

function siteFiles(dir: string): number[] {
  const sizes: number[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else sizes.push(statSync(full).size);
    }
  };
  walk(dir);
  return sizes;
}

const out = path.join(root, "out");

test("the site in out/ fits every host in docs/deploy.md's limits table", { skip: !existsSync(path.join(out, "guest/manifest.json")) && "out/ is not built" }, () => {
  const start = doc.indexOf("| host | largest file | files | whole site |");
  assert.ok(start >= 0, "docs/deploy.md has a table of hosts' limits");
  const lines = doc.slice(start).split("\n").slice(2);
  const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith("|"))).map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  assert.ok(rows.length >= 2, "hosts in the table");
  const sizes = siteFiles(out);
  const largest = Math.max(...sizes);
  const total = sizes.reduce((a, b) => a + b, 0);
  for (const [host, maxFile, maxFiles, maxTotal] of rows) {
    assert.ok(largest <= amount(maxFile), `${host}: the largest file is ${largest} bytes, above ${maxFile}`);
    assert.ok(sizes.length <= amount(maxFiles), `${host}: ${sizes.length} files, above ${maxFiles}`);
    assert.ok(total <= amount(maxTotal), `${host}: ${total} bytes in all, above ${maxTotal}`);
  }
});
