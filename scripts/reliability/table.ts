// The run's last output: one row per suite.

export interface Row {
  suite: string;
  trials: number | string;
  passed: number | string;
  figure: string;
  seconds: number;
}

export function formatTable(rows: Row[]): string {
  const head = ["suite", "trials", "passed", "figure", "time"];
  const cells = rows.map((r) => [r.suite, String(r.trials), String(r.passed), r.figure, `${r.seconds.toFixed(1)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => "| " + c.map((v, i) => (i === 1 || i === 2 || i === 4 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 1 || i === 2 || i === 4 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  return [line(head), rule, ...cells.map(line)].join("\n");
}
