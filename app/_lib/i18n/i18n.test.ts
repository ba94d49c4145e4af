import assert from "node:assert/strict";
import { test } from "node:test";
import { format, formatBytes, getMessages, isLocale, locales, pickLocale, switchLocalePath } from "./index";

test("isLocale accepts only en and zh", () => {
  assert.ok(isLocale("en"));
  assert.ok(isLocale("zh"));
  assert.ok(!isLocale("fr"));
  assert.ok(!isLocale(undefined));
});

test("pickLocale prefers the saved choice, then the browser languages", () => {
  assert.equal(pickLocale("zh", ["en-US"]), "zh");
  assert.equal(pickLocale(null, ["zh-CN", "en"]), "zh");
  assert.equal(pickLocale("xx", ["fr-FR", "zh-TW"]), "zh");
  assert.equal(pickLocale(null, ["fr-FR"]), "en");
});

test("switchLocalePath keeps the rest of the path", () => {
  assert.equal(switchLocalePath("/en/learn/first-container/", "zh"), "/zh/learn/first-container/");
  assert.equal(switchLocalePath("/zh/", "en"), "/en/");
  assert.equal(switchLocalePath("/en", "zh"), "/zh");
  assert.equal(switchLocalePath("/play/", "zh"), "/zh/play/");
});

test("format and formatBytes", () => {
  assert.equal(format("Lesson {n}", { n: 3 }), "Lesson 3");
  assert.equal(format("{a} of {b}", { a: "1" }), "1 of {b}");
  assert.equal(formatBytes(0, "en"), "0 B");
  assert.equal(formatBytes(1_536_000, "en"), "1.5 MB");
  assert.equal(formatBytes(123_400_000, "en"), "123 MB");
});

test("every message is translated (no empty strings, same shape)", () => {
  function walk(en: unknown, zh: unknown, at: string) {
    if (typeof en === "string") {
      assert.equal(typeof zh, "string", at);
      assert.ok((zh as string).trim().length > 0, `empty zh string at ${at}`);
      assert.ok(en.trim().length > 0, `empty en string at ${at}`);
      return;
    }
    if (Array.isArray(en)) {
      assert.ok(Array.isArray(zh) && zh.length === en.length, `array length differs at ${at}`);
      en.forEach((v, i) => walk(v, (zh as unknown[])[i], `${at}[${i}]`));
      return;
    }
    for (const key of Object.keys(en as object)) {
      walk((en as Record<string, unknown>)[key], (zh as Record<string, unknown>)[key], `${at}.${key}`);
    }
  }
  const [a, b] = locales.map(getMessages);
  walk(a, b, "messages");
});
