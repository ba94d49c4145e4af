#!/bin/bash
# The guest artifacts (cached by input hash), the emulator worker, and the static site in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
node emulator/guest/build.mjs
node scripts/build-worker.mjs
npx next build
