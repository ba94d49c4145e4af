// The disk parts the first docker commands read after a resume (startup-parts.json, recorded by
// the build). disk-preload.ts reads them through v86 once the prompt is live: they are for the
// learner's first command, not for the prompt, and fetched sooner they shared a slow link with
// the state (docs/performance.md, "The disk").

/** The list of part names, or none when the file is missing (an older build) or unreadable. */
export async function fetchPartList(url: string, signal?: AbortSignal): Promise<string[]> {
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) return [];
    const names: unknown = await response.json();
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}
