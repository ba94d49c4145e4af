import assert from "node:assert/strict";
import { test } from "node:test";
import { GUIDES, loadGuide, rewriteGuideLinks, splitTitle } from "./docs";

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
