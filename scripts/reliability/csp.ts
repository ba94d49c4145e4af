// Row "CSP": every HTML page of the built site, served by scripts/serve.mjs, carries a
// Content-Security-Policy whose script-src is the site itself ('self'), 'wasm-unsafe-eval' for
// v86's JIT and the hashes of the page's own inline scripts — no 'unsafe-eval', no
// 'unsafe-inline', no other source. Each page loads in Chromium with no violation and hydrates.
// Controls on one page: an injected inline script and eval() are blocked, WebAssembly compiles.

import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright";
import { Tally, type Suite } from "./suite";

/** URL paths of every page in out/ (folders with index.html; 404.html by a missing path). */
function sitePages(outDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "_next" && entry.name !== "guest" && entry.name !== "emulator") walk(path.join(dir, entry.name), `${url}${entry.name}/`);
      else if (entry.name === "index.html") pages.push(url);
    }
  };
  walk(outDir, "/");
  if (fs.existsSync(path.join(outDir, "404.html"))) pages.push("/no-such-page/");
  return pages.sort();
}

/** What is wrong with a policy's script-src, or "" if nothing. */
export function scriptSrcProblems(policy: string | null): string {
  if (!policy) return "no Content-Security-Policy header";
  const directive = policy.split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === "script-src");
  if (!directive) return "no script-src";
  const sources = directive.slice(1);
  const problems: string[] = [];
  if (!sources.includes("'self'")) problems.push("no 'self'");
  if (!sources.includes("'wasm-unsafe-eval'")) problems.push("no 'wasm-unsafe-eval'");
  for (const s of sources) {
    if (s === "'self'" || s === "'wasm-unsafe-eval'" || /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s)) continue;
    problems.push(`source ${s}`);
  }
  return problems.join(", ");
}

const recordViolations = () => {
  (window as any).__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sample || ""}`.trim()),
  );
};

async function controls(page: Page) {
  return page.evaluate(async () => {
    const w = window as any;
    const before = w.__cspViolations.length;
    const script = document.createElement("script");
    script.textContent = "window.__injected = 1";
    document.head.appendChild(script);
    // eval() from a timer, not from this evaluation itself: DevTools allows code generation while
    // it evaluates (that is how its console works on any page), and that would hide the CSP.
    const evalOutcome = await new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          (0, eval)("1");
          resolve("ran");
        } catch (err) {
          resolve(err instanceof EvalError ? "blocked" : String(err));
        }
      }, 0),
    );
    const evalBlocked = evalOutcome === "blocked";
    let wasm = false;
    try {
      await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      wasm = true;
    } catch {
      wasm = false;
    }
    await new Promise((r) => setTimeout(r, 50));
    return { injectedRan: w.__injected === 1, reported: w.__cspViolations.length > before, evalBlocked, wasm };
  });
}

export const contentSecurityPolicy: Suite = {
  name: "CSP",
  needs: "browser",
  async run(ctx) {
    const base = await ctx.site();
    const browser = await ctx.browser();
    const context = await browser.newContext();
    // The guest is not started (test mode): this row is about the pages, not the machine.
    await context.addInitScript(() => sessionStorage.setItem("dbl:test:mode", "store-only"));
    await context.addInitScript(recordViolations);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const tally = new Tally();
    let violations = 0;
    try {
      const pages = sitePages(path.join(ctx.root, "out"));
      for (const pathname of pages) {
        const response = await fetch(`${base}${pathname}`);
        const policyProblem = scriptSrcProblems(response.headers.get("content-security-policy"));
        errors.length = 0;
        await page.goto(`${base}${pathname}`, { waitUntil: "load" });
        await page.waitForTimeout(300);
        const state = await page.evaluate(() => ({
          violations: (window as any).__cspViolations as string[],
          // The theme's inline script ran before paint, and React rendered the page from the RSC
          // payload that the inline bootstrap scripts carry (its elements have fibers).
          themed: document.documentElement.hasAttribute("data-theme"),
          hydrated: Array.from(document.body.querySelectorAll("*")).some((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber"))),
        }));
        violations += state.violations.length;
        const problem = [policyProblem, state.violations.join(" | "), state.themed ? "" : "theme script did not run", state.hydrated ? "" : "not hydrated", errors.join(" | ")]
          .filter(Boolean)
          .join("; ");
        tally.check(pathname, problem === "", problem);
      }
      await page.goto(`${base}/en/`, { waitUntil: "load" });
      const c = await controls(page);
      tally.check("control: injected inline script blocked and reported", !c.injectedRan && c.reported, JSON.stringify(c));
      tally.check("control: eval() refused", c.evalBlocked, JSON.stringify(c));
      tally.check("control: WebAssembly compiles ('wasm-unsafe-eval')", c.wasm, JSON.stringify(c));
      return tally.result(`${pages.length} pages, ${violations} violations; no 'unsafe-eval'/'unsafe-inline'; injected script and eval() blocked`);
    } finally {
      await context.close();
    }
  },
};
