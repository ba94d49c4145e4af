// The mechanical rules of Chinese typography that the content check enforces in zh.md (text,
// frontmatter) and in the `zh:` lines of check scripts:
//
//   stray-space    no space next to full-width punctuation ("这一层， 镜像"), nor between two Chinese
//                  characters (a YAML line break folded into a space does that)
//   code-spacing   a space between Chinese text and inline code ("位于 `localhost:5000` 的")
//   straight-quote quotation marks are “…”; a straight " beside them mixes two styles
//
// Code (fenced blocks, inline code) is never checked: commands and output keep their own spelling.

export type TypographyRule = "stray-space" | "code-spacing" | "straight-quote";

export interface TypographyFinding {
  rule: TypographyRule;
  /** What is wrong, in a few words. */
  message: string;
  /** The text around the mistake, so the author can find it. */
  excerpt: string;
}

const HAN = "\\p{Script=Han}";
/** Full-width punctuation, which carries its own spacing in Chinese text. */
const FULL_WIDTH = "，。、；：！？（）《》「」『』【】“”‘’…—";

/** Text with every fenced code block blanked out (the lines stay, so excerpts stay near). */
function withoutFencedCode(markdown: string): string {
  return markdown.replace(/^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[ \t]*$/gm, "");
}

/** Inline code spans: `code`, as Markdown writes them on one line. */
const INLINE_CODE = /(`+)(?!`)(.+?)(?<!`)\1(?!`)/g;

/** Text with the inside of every inline code span replaced by x's, its backticks kept. */
function maskInlineCode(text: string): string {
  return text.replace(INLINE_CODE, (_, ticks: string, body: string) => ticks + "x".repeat(body.length) + ticks);
}

function excerptAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 12);
  const end = Math.min(text.length, index + length + 12);
  return (start > 0 ? "…" : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? "…" : "");
}

const STRAY_SPACES: Array<{ pattern: RegExp; message: (m: RegExpExecArray) => string }> = [
  // After full-width punctuation, before anything but a table's pipe or the end of the line.
  { pattern: new RegExp(`([${FULL_WIDTH}])[ \\t\\u00a0\\u3000]+(?=[^\\s|])`, "gu"), message: (m) => `a space after "${m[1]}"` },
  // Before it, after a letter, digit or closing mark (not after a list marker or a table's pipe).
  { pattern: new RegExp(`(?<=[\\p{L}\\p{N}\`*_)\\]])[ \\t\\u00a0\\u3000]+([${FULL_WIDTH}])`, "gu"), message: (m) => `a space before "${m[1]}"` },
  // Between two Chinese characters.
  { pattern: new RegExp(`(?<=${HAN})[ \\t\\u00a0\\u3000]+(?=${HAN})`, "gu"), message: () => "a space between two Chinese characters" },
];

/**
 * The typography mistakes in Chinese `text`. `markdown` (the default) skips fenced code blocks;
 * inline code is always skipped, except for the spacing around it.
 */
export function chineseTypography(text: string, { markdown = true }: { markdown?: boolean } = {}): TypographyFinding[] {
  const source = markdown ? withoutFencedCode(text) : text;
  const prose = maskInlineCode(source);
  const findings: TypographyFinding[] = [];

  for (const { pattern, message } of STRAY_SPACES) {
    for (const m of prose.matchAll(pattern)) {
      findings.push({ rule: "stray-space", message: message(m as RegExpExecArray), excerpt: excerptAt(source, m.index!, m[0].length) });
    }
  }

  for (const m of source.matchAll(INLINE_CODE)) {
    const before = source[m.index! - 1] ?? "";
    const after = source[m.index! + m[0].length] ?? "";
    const han = new RegExp(`^${HAN}$`, "u");
    if (han.test(before) || han.test(after)) {
      findings.push({
        rule: "code-spacing",
        message: `no space between Chinese text and \`${m[2]}\``,
        excerpt: excerptAt(source, m.index!, m[0].length),
      });
    }
  }

  for (const m of prose.matchAll(/"/g)) {
    findings.push({ rule: "straight-quote", message: 'a straight quotation mark "; Chinese text quotes with “…”', excerpt: excerptAt(source, m.index!, 1) });
  }
  return findings;
}

/** The Chinese hint lines of a check script: the text of each `echo "zh: …"`, quotes unescaped. */
export function chineseCheckMessages(script: string): string[] {
  const messages: string[] = [];
  for (const m of script.matchAll(/echo\s+"zh:\s?((?:[^"\\]|\\.)*)"/g)) messages.push(m[1].replace(/\\(.)/g, "$1"));
  for (const m of script.matchAll(/echo\s+'zh:\s?([^']*)'/g)) messages.push(m[1]);
  return messages;
}
