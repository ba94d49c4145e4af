// Running several exercise checks in ONE exec call, and reading their verdicts back.
// Plain TypeScript with no Node or DOM imports: used by the lesson page (client) and by tests.
//
// Each check runs in its own `sh -c '…'` (so an `exit` or `set -e` in one check cannot affect the
// others), with stdin closed and stderr folded into stdout, between two marker lines:
//
//   @@dbl:<nonce>:begin <id>
//   …whatever the check printed…
//   @@dbl:<nonce>:end <id> <exit code>

export interface CheckInput {
  id: string;
  check: string;
}

export interface CheckVerdict {
  id: string;
  exitCode: number;
  passed: boolean;
  /** What the check printed (stdout and stderr), trimmed. */
  output: string;
}

/** Quote a string for POSIX sh as one single-quoted word. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function makeNonce(): string {
  return Math.random().toString(36).slice(2, 10) || "n0nce";
}

export interface CheckBatch {
  script: string;
  nonce: string;
  ids: string[];
}

/** One shell script that runs every check in turn and prints a marker and exit code for each. */
export function buildCheckBatch(checks: readonly CheckInput[], nonce: string = makeNonce()): CheckBatch {
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error("nonce must be alphanumeric");
  const lines: string[] = [];
  for (const { id, check } of checks) {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`bad exercise id: ${id}`);
    lines.push(`echo "@@dbl:${nonce}:begin ${id}"`);
    lines.push(`sh -c ${shQuote(check)} check </dev/null 2>&1`);
    lines.push(`echo "@@dbl:${nonce}:end ${id} $?"`);
  }
  lines.push("exit 0");
  return { script: lines.join("\n") + "\n", nonce, ids: checks.map((c) => c.id) };
}

/**
 * Read the verdicts out of a batch's stdout. Checks whose end marker is missing (the batch timed
 * out while they ran) are left out, so the caller treats them as "not checked yet".
 */
export function parseCheckBatch(stdout: string, batch: Pick<CheckBatch, "nonce">): CheckVerdict[] {
  const begin = `@@dbl:${batch.nonce}:begin `;
  const end = `@@dbl:${batch.nonce}:end `;
  const verdicts: CheckVerdict[] = [];
  let current: { id: string; lines: string[] } | null = null;
  for (const raw of stdout.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.startsWith(begin)) {
      current = { id: line.slice(begin.length).trim(), lines: [] };
      continue;
    }
    if (line.startsWith(end)) {
      const [id, code] = line.slice(end.length).trim().split(/\s+/);
      if (current && current.id === id) {
        const exitCode = Number.parseInt(code ?? "", 10);
        const valid = Number.isFinite(exitCode);
        verdicts.push({
          id,
          exitCode: valid ? exitCode : -1,
          passed: valid && exitCode === 0,
          output: current.lines.join("\n").trim(),
        });
      }
      current = null;
      continue;
    }
    current?.lines.push(line);
  }
  return verdicts;
}

/**
 * The part of a check's output meant for a learner reading `locale`. Checks may print lines
 * prefixed `en:` and `zh:`; then only that language's lines are shown (falling back to English).
 * Unprefixed output is shown as it is. At most `maxLines` lines are kept.
 */
export function pickHint(output: string, locale: string, maxLines = 4): string {
  const lines = output
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
  const tagged = (lang: string) =>
    lines.filter((l) => l.startsWith(`${lang}:`)).map((l) => l.slice(lang.length + 1).trim());
  const untagged = lines.filter((l) => !/^[a-z]{2}:/.test(l));
  let chosen = tagged(locale);
  if (chosen.length === 0) chosen = tagged("en");
  if (chosen.length === 0) chosen = untagged.length ? untagged : lines;
  return chosen.slice(-maxLines).join("\n");
}
