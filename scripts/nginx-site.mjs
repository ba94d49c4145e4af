#!/usr/bin/env node
// Serves out/ with nginx, configured by the nginx block of docs/deploy.md (read each time, so the
// doc cannot drift from what the tests serve): its `listen` lines become one on 127.0.0.1:PORT,
// its TLS lines go, its `root` becomes out/. nginx runs in the foreground, with its pid, logs and
// temporary files in a folder of its own that is removed when it stops.
//
//   PORT=3200 node scripts/nginx-site.mjs          (OUT_DIR=some/other/dir)
//
// Needs Debian's nginx package (scripts/setup.sh installs it).

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEPLOY_DOC = path.join(root, "docs/deploy.md");
export const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";

/** The one fenced block of `language` in a Markdown text (throws unless there is exactly one). */
export function fencedBlock(markdown, language, source = "the document") {
  const blocks = [...markdown.matchAll(new RegExp("^```" + language + "[ \\t]*\\n([\\s\\S]*?)^```[ \\t]*$", "gm"))].map((m) => m[1]);
  if (blocks.length !== 1) throw new Error(`${source} has ${blocks.length} \`\`\`${language} blocks; expected one`);
  return blocks[0];
}

/**
 * A whole nginx.conf that serves `siteDir` on 127.0.0.1:`port` with the doc's block, everything
 * nginx writes kept under `prefix`.
 */
export function nginxConfig(block, { port, siteDir, prefix }) {
  const lines = block.split("\n");
  const listens = lines.filter((line) => /^\s*listen\s[^;]*;/.test(line)).length;
  const roots = lines.filter((line) => /^\s*root\s[^;]*;/.test(line)).length;
  if (listens === 0 || roots !== 1) {
    throw new Error(`docs/deploy.md's nginx block has ${listens} listen and ${roots} root lines: expected listen lines and one root`);
  }
  let listened = false;
  const server = lines
    .filter((line) => !/^\s*ssl_\w+\s/.test(line))
    .map((line) => {
      if (/^\s*listen\s[^;]*;/.test(line)) {
        if (listened) return null;
        listened = true;
        return `  listen 127.0.0.1:${port};`;
      }
      return /^\s*root\s[^;]*;/.test(line) ? `  root ${JSON.stringify(siteDir)};` : line;
    })
    .filter((line) => line !== null)
    .join("\n");
  const temp = (name) => `${name}_temp_path ${JSON.stringify(path.join(prefix, name))};`;
  return [
    "daemon off;",
    "worker_processes 1;",
    // As root, nginx's workers would run as nobody, who may not read the site's folder.
    ...(process.getuid?.() === 0 ? ["user root;"] : []),
    `pid ${JSON.stringify(path.join(prefix, "nginx.pid"))};`,
    "error_log stderr warn;",
    "events { worker_connections 512; }",
    "http {",
    "  access_log off;",
    "  log_not_found off;",
    "  sendfile on;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `  ${temp(name)}`),
    server,
    "}",
    "",
  ].join("\n");
}

/** Writes the configuration for `siteDir` into a new temporary folder; returns the folder and the file. */
export function prepareNginx({ port, siteDir, doc = DEPLOY_DOC }) {
  const prefix = mkdtempSync(path.join(tmpdir(), "dbl-nginx-"));
  mkdirSync(path.join(prefix, "logs"));
  const block = fencedBlock(readFileSync(doc, "utf8"), "nginx", path.relative(root, doc));
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig(block, { port, siteDir, prefix }));
  return { prefix, conf, args: ["-p", prefix, "-e", "stderr", "-c", conf] };
}

/** Starts nginx in the foreground; resolves with its process and a stop() that also removes its folder. */
export function startNginx({ port, siteDir, doc = DEPLOY_DOC }) {
  const { prefix, args } = prepareNginx({ port, siteDir, doc });
  const test = spawnSync(NGINX, [...args, "-t", "-q"], { encoding: "utf8" });
  if (test.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx refuses docs/deploy.md's configuration:\n${test.stderr || test.error}`);
  }
  const child = spawn(NGINX, args, { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  };
  return { child, exited, stop };
}

function main() {
  const port = Number.parseInt(process.env.PORT ?? "3200", 10);
  const siteDir = path.resolve(root, process.env.OUT_DIR ?? "out");
  if (!existsSync(NGINX)) {
    console.error(`nginx-site: ${NGINX} is missing: apt-get install nginx (scripts/setup.sh does).`);
    process.exit(1);
  }
  if (!existsSync(siteDir)) {
    console.error(`nginx-site: ${siteDir} does not exist. Run \`bash scripts/build.sh\` first.`);
    process.exit(1);
  }
  const nginx = startNginx({ port, siteDir });
  console.log(`nginx-site: nginx serves ${path.relative(root, siteDir) || "."}/ at http://127.0.0.1:${port}/ (docs/deploy.md's configuration)`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void nginx.stop().then(() => process.exit(0)));
  void nginx.exited.then(async (code) => {
    await nginx.stop();
    process.exit(typeof code === "number" ? code : 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
