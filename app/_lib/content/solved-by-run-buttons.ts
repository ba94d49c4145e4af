// An exercise should ask for what the lesson taught, applied to other names or targets than its
// walkthrough, so the learner has to recall it. It fails that when its lesson's Run buttons type
// the whole solution: a learner who clicks along has solved it without thinking. The content check
// reports such an exercise; the guest proves the same from the other side (the checks must still
// fail after the lesson's Run blocks have run: app/_lib/exercises/prove-in-guest.ts).

/** The command lines of a shell script, spaces collapsed: no blank lines, comments, shebang or `set` options. */
export function commandLines(script: string): string[] {
  return script
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !/^set [-+][a-z]+$/.test(line));
}

/**
 * The solution's command lines when every one of them is a line of one of the lesson's Run blocks
 * (the exercise is solved by clicking along); null when at least one is the learner's own.
 */
export function solvedByRunButtons(solution: string, runBlocks: readonly string[]): string[] | null {
  const typed = new Set(runBlocks.flatMap(commandLines));
  const lines = commandLines(solution);
  return lines.length > 0 && lines.every((line) => typed.has(line)) ? lines : null;
}
