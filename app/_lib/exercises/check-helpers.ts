// Every exercise check runs with the guest's helper functions sourced first
// (emulator/guest/overlay/usr/local/lib/dbl/check-helpers.sh: registry_image_id, image_id,
// container_state, …), so the helpers live once, in the guest, and checks call them by name.
// The content loader applies this to each check.sh, so every place that runs a check gets them.

/** Where the helpers are in the guest. */
export const CHECK_HELPERS_PATH = "/usr/local/lib/dbl/check-helpers.sh";

/** The check as it runs: the helpers sourced, then the author's script. */
export function withCheckHelpers(check: string): string {
  return `. ${CHECK_HELPERS_PATH}\n${check}`;
}
