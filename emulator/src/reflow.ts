// Text the page prints into the terminal as if the guest had (the welcome text after a resume) is
// written for 80 columns. In a narrower terminal, such as a lesson page's, the terminal would cut
// its lines mid-word: they are wrapped at spaces instead, a continuation keeping its line's indent.

/** `text` with every line longer than `cols` wrapped at spaces (a word longer than a line is cut). */
export function reflowText(text: string, cols: number): string {
  if (!Number.isFinite(cols) || cols < 8) return text;
  return text
    .split("\n")
    .map((line) => wrapLine(line, cols).join("\n"))
    .join("\n");
}

function wrapLine(line: string, cols: number): string[] {
  const trimmed = line.replace(/\s+$/, "");
  if (trimmed.length <= cols) return [line];
  const indent = /^\s*/.exec(trimmed)![0].slice(0, Math.floor(cols / 2));
  const words = trimmed.slice(indent.length).split(/ +/);
  const lines: string[] = [];
  let current = indent;
  for (let word of words) {
    if (current.trim() !== "" && current.length + 1 + word.length > cols) {
      lines.push(current);
      current = indent;
    }
    while (indent.length + word.length > cols) {
      if (current.trim() !== "") {
        lines.push(current);
        current = indent;
      }
      lines.push(indent + word.slice(0, cols - indent.length));
      word = word.slice(cols - indent.length);
    }
    current = current.trim() === "" ? indent + word : `${current} ${word}`;
  }
  if (current.trim() !== "") lines.push(current);
  return lines;
}
