import assert from "node:assert/strict";
import { test } from "node:test";
import vm from "node:vm";
import { embedInitScript } from "./init-script";
import { normalizeOrigin, parseEmbedParams } from "./params";
import { embedUrl, iframeSnippet } from "./snippet";

test("origins are taken only in the exact form browsers report", () => {
  assert.equal(normalizeOrigin("https://lms.example.edu"), "https://lms.example.edu");
  assert.equal(normalizeOrigin(" https://LMS.example.edu/ "), "https://lms.example.edu");
  assert.equal(normalizeOrigin("http://localhost:8080"), "http://localhost:8080");
  assert.equal(normalizeOrigin("https://lms.example.edu:443"), "https://lms.example.edu");
  for (const bad of ["", "*", "null", "lms.example.edu", "https://lms.example.edu/course/1", "https://a@lms.example.edu",
    "https://lms.example.edu/?x=1", "https://lms.example.edu/#x", "javascript:alert(1)", "file:///etc/passwd", "ftp://x.y"]) {
    assert.equal(normalizeOrigin(bad), null, bad);
  }
});

test("parameters: language, theme and host origin, with safe defaults", () => {
  assert.deepEqual(parseEmbedParams("?lang=zh&theme=dark&origin=https%3A%2F%2Flms.example.edu"), {
    locale: "zh",
    theme: "dark",
    hostOrigin: "https://lms.example.edu",
  });
  assert.deepEqual(parseEmbedParams(""), { locale: "en", theme: "auto", hostOrigin: null });
  assert.equal(parseEmbedParams("?lang=zh-CN").locale, "zh");
  assert.equal(parseEmbedParams("?lang=fr", ["fr-FR", "zh-TW"]).locale, "zh");
  assert.equal(parseEmbedParams("?theme=purple").theme, "auto");
  assert.equal(parseEmbedParams("?origin=*").hostOrigin, null);
});

/** Runs the inline head script against a fake document, as the browser would before first paint. */
function runInitScript(search: string, languages: string[], prefersDark: boolean) {
  const attributes: Record<string, string> = {};
  const documentElement = { style: {} as Record<string, string>, setAttribute: (k: string, v: string) => (attributes[k] = v) };
  vm.runInNewContext(embedInitScript, {
    URLSearchParams,
    location: { search },
    document: { documentElement },
    navigator: { languages, language: languages[0] },
    window: { matchMedia: () => ({ matches: prefersDark, addEventListener() {} }) },
    String,
  });
  return { theme: attributes["data-theme"], locale: attributes["data-locale"], lang: attributes.lang, scheme: documentElement.style.colorScheme };
}

test("the head script picks the same language and theme as parseEmbedParams", () => {
  const cases: Array<[string, string[], boolean]> = [
    ["?lang=zh&theme=light", ["en-US"], true],
    ["?lang=en&theme=dark", ["zh-CN"], false],
    ["?theme=auto", ["zh-CN", "en"], true],
    ["", ["fr-FR"], false],
    ["?lang=xx&theme=nope", ["fr", "zh-TW"], true],
  ];
  for (const [search, languages, dark] of cases) {
    const p = parseEmbedParams(search, languages);
    const s = runInitScript(search, languages, dark);
    assert.equal(s.locale, p.locale, search);
    assert.equal(s.lang, p.locale === "zh" ? "zh-CN" : "en");
    assert.equal(s.theme, p.theme === "auto" ? (dark ? "dark" : "light") : p.theme, search);
    assert.equal(s.scheme, s.theme);
  }
});

test("the snippet's URL round-trips through the parameters, and its HTML is escaped", () => {
  const target = {
    siteOrigin: "https://lab.example.org",
    lesson: "tag",
    exercise: "tag-mybox",
    locale: "zh" as const,
    theme: "dark" as const,
    hostOrigin: "https://lms.example.edu",
  };
  const url = new URL(embedUrl(target));
  assert.equal(url.pathname, "/embed/tag/tag-mybox/");
  assert.deepEqual(parseEmbedParams(url.search), { locale: "zh", theme: "dark", hostOrigin: "https://lms.example.edu" });
  assert.equal(new URL(embedUrl({ ...target, hostOrigin: null })).searchParams.has("origin"), false);
  const html = iframeSnippet(target, 'Tag "mybox" <now>');
  assert.match(html, /^<iframe src="https:\/\/lab\.example\.org\/embed\/tag\/tag-mybox\/\?lang=zh&amp;theme=dark&amp;origin=https%3A%2F%2Flms\.example\.edu" /);
  assert.match(html, /title="Tag &quot;mybox&quot; &lt;now&gt;"/);
});
