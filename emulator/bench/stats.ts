// Summaries for the benchmarks: medians and ranges, never single timings.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(runs: number[]): Summary {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: Math.round(median), min: Math.round(sorted[0]), max: Math.round(sorted.at(-1)!), runs: runs.map(Math.round) };
}

export async function repeat(times: number, once: (i: number) => Promise<number>): Promise<Summary> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push(await once(i));
  return summarize(runs);
}
