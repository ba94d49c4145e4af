#!/bin/bash
# The guest artifacts (cached by input hash), the emulator worker, and the static site in out/,
# which must hold no file larger than static hosts take.
set -euo pipefail
cd "$(dirname "$0")/.."
node emulator/guest/build.mjs
node scripts/build-worker.mjs
npx next build
node scripts/check-file-sizes.mjs out
