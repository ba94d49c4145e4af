import assert from "node:assert/strict";
import { test } from "node:test";
import type { Element } from "hast";
import { GUIDES, headingAnchor, loadGuide, rewriteGuideLinks, splitTitle } from "./docs";

test("links between guides become site links; others stay", () => {
  assert.equal(
    rewriteGuideLinks("[a](embed.md) [b](deploy.md#headers) [c](performance.md) [d](https://x.y/a.md)", "zh"),
    "[a](/zh/docs/embed/) [b](/zh/docs/deploy/#headers) [c](performance.md) [d](https://x.y/a.md)",
  );
});

test("every published guide loads in both languages, with a title", () => {
  for (const name of GUIDES) {
    for (const locale of ["en", "zh"] as const) {
      const guide = loadGuide(name, locale);
      assert.ok(guide.title.length > 3, name);
      assert.ok(guide.body.children.length > 5, name);
      assert.doesNotMatch(JSON.stringify(guide.body), /\]\([a-z-]+\.md/, "an unrewritten guide link");
    }
  }
  assert.equal(loadGuide("authoring", "zh").lang, "zh", "the authoring guide is translated");
  assert.equal(loadGuide("authoring", "zh").title, "编写课程");
  assert.equal(loadGuide("embed", "zh").title, "嵌入练习");
  assert.equal(loadGuide("deploy", "zh").lang, "en", "untranslated guides are shown in English");
  assert.throws(() => splitTitle("no title"));
});

test("headings get GitHub's anchors, so a link to a section lands on it on the site too", () => {
  assert.equal(headingAnchor("Or link to a prepared lab"), "or-link-to-a-prepared-lab");
  assert.equal(headingAnchor("Events, from the embed to your page"), "events-from-the-embed-to-your-page");
  assert.equal(headingAnchor("或者：链接到预设好的实验"), "或者链接到预设好的实验");
  assert.equal(headingAnchor("The `run` query"), "the-run-query");

  // Every link between guides points at a heading that exists.
  for (const name of GUIDES) {
    for (const locale of ["en", "zh"] as const) {
      const links = [...JSON.stringify(loadGuide(name, locale).body).matchAll(/"href":"\/(?:en|zh)\/docs\/([a-z-]+)\/#([^"]+)"/g)];
      for (const [, target, hash] of links) {
        const ids = loadGuide(target as (typeof GUIDES)[number], locale)
          .body.children.filter((c): c is Element => c.type === "element")
          .map((c) => c.properties?.id);
        assert.ok(ids.includes(decodeURIComponent(hash)), `${name} (${locale}) links to #${hash} in ${target}`);
      }
    }
  }
});
