// The import rules of docs/architecture.md ("Which folder may import which"), read from its table
// and checked against every import of the repo's own files. The table is the one statement of the
// rules: change it there, and this test enforces the change.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const repo = process.cwd();
const SOURCE = /\.(ts|tsx|mjs|js)$/;
const SKIP = new Set(["node_modules", ".next", "out", "public", ".cache", "test-results", "playwright-report", ".git"]);
/** Reachable only by a row that names them, by a test, or from inside their own folder. */
const TEST_DOUBLES = ["emulator/testing.ts", "emulator/src/testing/", "app/_testing/"];
const TEST_ROW = "*.test.ts";

interface Rule {
  files: string[];
  mayImport: string[];
}

/** The rows of the table under "## Which folder may import which". */
function readRules(markdown: string): Rule[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Which folder may import which"));
  if (!section) throw new Error("docs/architecture.md has no section 'Which folder may import which'");
  const cells = (line: string) => line.split("|").slice(1, -1).map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  return section
    .split("\n")
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [files, mayImport] = cells(line);
      return { files, mayImport };
    });
}

/** Whether `entry` (a file, or a folder ending in "/") names `file`. */
function covers(entry: string, file: string): boolean {
  return entry.endsWith("/") ? file.startsWith(entry) : file === entry;
}

/** Why `from` may not import `to` (both repo-relative), or null when it may. */
function violation(rules: Rule[], from: string, to: string): string | null {
  let row: Rule | null = null;
  let matched = "";
  for (const rule of rules) {
    for (const entry of rule.files) {
      if (entry !== TEST_ROW && covers(entry, from) && entry.length > matched.length) {
        row = rule;
        matched = entry;
      }
    }
  }
  if (!row) return `${from}: no row of the table covers this file`;
  const isTest = /\.test\.tsx?$/.test(from);
  const allowed = [...row.mayImport, ...(isTest ? (rules.find((r) => r.files.includes(TEST_ROW))?.mayImport ?? []) : [])];
  const double = TEST_DOUBLES.find((entry) => covers(entry, to));
  if (double && !isTest && !covers(double, from) && !allowed.some((entry) => covers(double, entry))) {
    return `${from} imports ${to}: a test double, for tests only`;
  }
  return allowed.some((entry) => covers(entry, to)) ? null : `${from} imports ${to}: not allowed for \`${matched}\``;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(path.join(repo, dir))) {
    if (SKIP.has(name)) continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(repo, rel)).isDirectory()) sourceFiles(rel, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const IMPORTS = [
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /^\s*import\s+["']([^"']+)["']/gm,
];

/** The repo's own files that `file` imports, repo-relative; imports of packages are left out. */
function localImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const pattern of IMPORTS) {
    for (const [, spec] of text.matchAll(pattern)) {
      if (spec.startsWith("@/")) found.push(resolve(spec.slice(2)));
      else if (spec.startsWith(".")) found.push(resolve(path.posix.join(path.posix.dirname(file), spec)));
    }
  }
  return found;
}

function resolve(target: string): string {
  const base = path.posix.normalize(target);
  for (const candidate of [base, ...[".ts", ".tsx", ".mjs", ".js"].map((ext) => base + ext), `${base}/index.ts`]) {
    const full = path.join(repo, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return base; // unresolved: judged by its path
}

const rules = readRules(readFileSync(path.join(repo, "docs/architecture.md"), "utf8"));

test("every import of the repo's own files follows docs/architecture.md", () => {
  const problems: string[] = [];
  let checked = 0;
  for (const file of sourceFiles("")) {
    for (const target of localImports(file, readFileSync(path.join(repo, file), "utf8"))) {
      checked++;
      const problem = violation(rules, file, target);
      if (problem) problems.push(problem);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > 300, `only ${checked} imports found: the scan is broken`);
});

test("the rules catch a deep import, a test double in shipped code, and a file without a row", () => {
  assert.ok(rules.length >= 10, "the table was read");
  assert.match(violation(rules, "app/_lib/progress.ts", "emulator/src/observable.ts") ?? "", /not allowed/);
  assert.match(violation(rules, "scripts/bench-web.ts", "emulator/src/guest-machine.ts") ?? "", /not allowed/);
  assert.match(violation(rules, "app/_components/terminal/XtermView.tsx", "emulator/testing.ts") ?? "", /test double/);
  assert.match(violation(rules, "emulator/src/guest-machine.ts", "emulator/src/testing/fake-sandbox.ts") ?? "", /test double/);
  assert.match(violation(rules, "elsewhere/tool.ts", "app/_lib/docs.ts") ?? "", /no row/);
  assert.equal(violation(rules, "app/_lib/persistence/session.test.ts", "emulator/testing.ts"), null);
  assert.equal(violation(rules, "app/_lib/persistence/session.ts", "emulator/browser.ts"), null);
  assert.equal(violation(rules, "emulator/src/testing/fake-sandbox.ts", "emulator/src/sandbox.ts"), null);
});

test("imports are found in every form, and resolved to files", () => {
  const text = [
    'import { a } from "./a";',
    'import type {\n  B,\n} from "@/emulator/browser";',
    'export { c } from "../c";',
    'import "../globals.css";',
    'const d = await import("@/app/_lib/docs");',
    'import { readFile } from "node:fs";',
  ].join("\n");
  assert.deepEqual(localImports("app/x/y.ts", text).sort(), ["app/_lib/docs.ts", "app/c", "app/globals.css", "app/x/a", "emulator/browser.ts"]);
});
