import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element, Root } from "hast";
import { disallowedLinks, renderMarkdown, runnableCommand } from "./markdown";

const json = (tree: Root) => JSON.stringify(tree);

function find(tree: Root | Element, tag: string): Element[] {
  const out: Element[] = [];
  for (const child of tree.children) {
    if (child.type !== "element") continue;
    if (child.tagName === tag) out.push(child);
    out.push(...find(child, tag));
  }
  return out;
}

test("raw HTML, scripts and event handlers never reach the page", () => {
  const tree = renderMarkdown('Hi <script>alert(1)</script><img src=x onerror="alert(2)"> <b onclick="x()">b</b>\n\n<iframe src="https://e.com"></iframe>');
  const s = json(tree);
  assert.doesNotMatch(s, /script|onerror|onclick|iframe/i);
});

test("only http(s) and relative links survive (no mailto:, javascript:, data:)", () => {
  const tree = renderMarkdown("[a](javascript:alert(1)) [b](https://docs.docker.com/) [c](../04-pull/) [d](data:text/html,x) [e](mailto:a@b.c)");
  const hrefs = find(tree, "a").map((a) => a.properties?.href ?? null);
  assert.deepEqual(hrefs, [null, "https://docs.docker.com/", "../04-pull/", null, null]);
  assert.deepEqual(disallowedLinks("[a](javascript:alert(1)) [b](https://x.y) [d](data:text/html,x) [e](mailto:a@b.c)"), [
    "javascript:alert(1)",
    "data:text/html,x",
    "mailto:a@b.c",
  ]);
});

test("```sh run blocks are marked runnable; other blocks are not", () => {
  const tree = renderMarkdown("```sh run\ndocker pull busybox\ndocker images\n```\n\n```sh\ndocker pull NAME[:TAG]\n```\n\n```text\nREPOSITORY\n```\n");
  const pres = find(tree, "pre");
  assert.equal(pres.length, 3);
  assert.equal(runnableCommand(pres[0]), "docker pull busybox\ndocker images");
  assert.equal(runnableCommand(pres[1]), null);
  assert.equal(runnableCommand(pres[2]), null);
  const code = find(pres[2], "code")[0];
  assert.deepEqual(code.properties?.className, ["language-text"]);
});

test("GFM tables render", () => {
  const tree = renderMarkdown("| a | b |\n| - | - |\n| 1 | 2 |\n");
  assert.equal(find(tree, "table").length, 1);
  assert.equal(find(tree, "td").length, 2);
});
