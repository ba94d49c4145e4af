#!/usr/bin/env node
// Serves the static export in out/ the way production should: with a Content-Security-Policy,
// Range requests (v86 loads the disk image in chunks), the right content types for the guest
// artifacts, long cache lifetimes for content-addressed files, and the Brotli and gzip copies
// scripts/precompress.mjs writes (scripts and v86.wasm, as real hosts compress them).
//
//   npm run build && node scripts/serve.mjs          # http://127.0.0.1:3000/
//   PORT=3100 node scripts/serve.mjs
//   OUT_DIR=some/other/dir node scripts/serve.mjs

import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.resolve(root, process.env.OUT_DIR ?? "out");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
const host = process.env.HOST ?? "127.0.0.1";

if (!existsSync(outDir)) {
  console.error(`serve: ${path.relative(root, outDir) || outDir}/ does not exist. Run \`npm run build\` first.`);
  process.exit(1);
}

/** Routes an instructor may put in an <iframe>: /embed/... and /<locale>/embed/... */
const EMBED = /^\/(?:[a-z]{2}(?:-[A-Za-z]+)?\/)?embed(?:\/|$)/;

/** The preview pane's frame (public/preview-frame.html): an untrusted page from the guest is written into it. */
const PREVIEW_FRAME = "/preview-frame.html";
/**
 * Its own policy: a sandbox (an opaque origin even if opened outside the pane's sandboxed iframe),
 * the previewed page's inline scripts and styles, data: images and fonts, and nothing from any
 * network. Framed by the site's pages, and by the embed inside another site.
 */
const PREVIEW_FRAME_POLICY = [
  "sandbox allow-scripts allow-forms",
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline' data:",
  "img-src data:",
  "font-src data:",
  "media-src data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors *",
].join("; ");

/** `scriptHashes`: the 'sha256-…' sources of the page's own inline scripts (see inlineScriptHashes). */
function contentSecurityPolicy(pathname, scriptHashes = []) {
  if (pathname === PREVIEW_FRAME) return PREVIEW_FRAME_POLICY;
  return [
    "default-src 'self'",
    // Scripts only from this site: its files, and the inline <script>s of the page being served
    // (Next's static export bootstraps each page with them, self.__next_f.push(...), and the theme
    // is set by one before first paint), allowed one by one by their hash. Never 'unsafe-inline'
    // (an injected script would run) nor 'unsafe-eval'.
    // 'wasm-unsafe-eval': v86's JIT compiles WebAssembly at run time.
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(" "),
    // The emulator runs in a Web Worker, possibly created from a blob: URL.
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Only the embed route may be framed, by any site (an instructor's LMS).
    EMBED.test(pathname) ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const hashCache = new Map(); // file -> { mtimeMs, size, hashes }

/** CSP hash sources of every inline script in an HTML file (cached until the file changes). */
function inlineScriptHashes(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return [];
  }
  const cached = hashCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.hashes;
  const hashes = new Set();
  for (const [, attrs, body] of readFileSync(file, "utf8").matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attrs) || !body) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  const result = [...hashes];
  hashCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, hashes: result });
  return result;
}

/** The HTML file sirv answers a path with (trailingSlash export: folders hold index.html), or null. */
function htmlFileFor(pathname) {
  const file = path.join(outDir, pathname);
  if (!file.startsWith(outDir)) return null;
  if (pathname.endsWith("/")) return path.join(file, "index.html");
  if (pathname.endsWith(".html")) return file;
  if (!path.posix.extname(pathname) && existsSync(`${file}.html`)) return `${file}.html`;
  return null;
}

const CONTENT_TYPES = {
  ".wasm": "application/wasm",
  ".zst": "application/zstd", // served as-is: v86 decompresses zstd itself (no Content-Encoding!)
  ".bin": "application/octet-stream",
  ".img": "application/octet-stream",
  ".json": "application/json; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** A file name with a content hash in it, e.g. state.3f2a9c1d.bin.zst or disk-0a1b2c3d4e.img. */
const HASHED = /[.-][0-9a-f]{8,}[.-]/i;

function cacheControl(pathname) {
  if (pathname.startsWith("/_next/static/")) return "public, max-age=31536000, immutable";
  if (pathname.startsWith("/guest/")) {
    // Manifests say which artifacts belong together: always revalidate them.
    if (pathname.endsWith(".json")) return "no-cache";
    // Content-addressed artifacts never change; others are kept a week, then revalidated by ETag.
    // The guest build publishes each version under a content-addressed folder: /guest/<hash>/...
    return HASHED.test(path.posix.basename(pathname)) || /^\/guest\/[0-9a-f]{12}-[0-9a-f]{8}\//.test(pathname)
      ? "public, max-age=31536000, immutable"
      : "public, max-age=604800";
  }
  // HTML and everything else: always revalidate (cheap with ETags), so deploys show at once.
  return "no-cache";
}

const files = sirv(outDir, {
  dev: true, // look files up on every request, so a rebuilt out/ is served without a restart
  etag: true,
  dotfiles: false,
  extensions: ["html"],
  brotli: true, // <file>.br, else <file>.gz, beside <file>, for browsers that accept it
  gzip: true,
  setHeaders(res, pathname) {
    const type = CONTENT_TYPES[path.extname(pathname).toLowerCase()];
    if (type) res.setHeader("Content-Type", type);
    res.setHeader("Cache-Control", cacheControl(pathname));
    res.setHeader("Accept-Ranges", "bytes");
  },
});

const notFoundPage = path.join(outDir, "404.html");

function pathnameOf(req) {
  try {
    return decodeURI(new URL(req.url ?? "/", "http://localhost").pathname);
  } catch {
    return "/";
  }
}

const server = createServer((req, res) => {
  const pathname = pathnameOf(req);
  const html = htmlFileFor(pathname);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(pathname, html ? inlineScriptHashes(html) : []));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");

  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }

  // trailingSlash: true in next.config.js: /en/play -> /en/play/ (a folder with index.html).
  if (!pathname.endsWith("/") && !path.posix.extname(pathname)) {
    const dir = path.join(outDir, pathname);
    if (dir.startsWith(outDir) && existsSync(path.join(dir, "index.html"))) {
      const query = (req.url ?? "").includes("?") ? (req.url ?? "").slice((req.url ?? "").indexOf("?")) : "";
      res.writeHead(308, { Location: `${encodeURI(pathname)}/${query}` }).end();
      return;
    }
  }

  files(req, res, () => {
    res.statusCode = 404;
    res.setHeader("Cache-Control", "no-cache");
    if (existsSync(notFoundPage) && statSync(notFoundPage).isFile()) {
      res.setHeader("Content-Security-Policy", contentSecurityPolicy(pathname, inlineScriptHashes(notFoundPage)));
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(req.method === "HEAD" ? undefined : readFileSync(notFoundPage));
    } else {
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Not found\n");
    }
  });
});

server.listen(port, host, () => {
  const address = server.address();
  const shownPort = typeof address === "object" && address ? address.port : port;
  console.log(`Docker Browser Lab: serving ${path.relative(root, outDir) || "."}/ at http://${host}:${shownPort}/`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
