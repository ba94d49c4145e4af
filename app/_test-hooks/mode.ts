// The site's test mode. Playwright sets sessionStorage "dbl:test:mode" before any script runs (the
// site never does); the page then installs the hooks through which a test plays the guest's part:
//   "decide"      persistence decides what it would resume, and starts nothing
//   "store-only"  persistence does not even read the saved machine
//   any other     the guest is started as usual (the reliability flood uses "terminal")
// A visitor's browser never has the key, and the hooks add nothing a script on this origin could
// not do anyway.

const TEST_MODE_KEY = "dbl:test:mode";

/** The test mode the page was opened in, or null (always, outside tests). */
export function testMode(): string | null {
  try {
    return sessionStorage.getItem(TEST_MODE_KEY) || null;
  } catch {
    return null;
  }
}
