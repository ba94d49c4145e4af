#!/bin/bash
# The guest artifacts (cached by input hash), the emulator worker, and the static site in out/:
# Brotli and gzip copies beside its scripts and v86.wasm, and no file larger than static hosts take.
set -euo pipefail
cd "$(dirname "$0")/.."
node emulator/guest/build.mjs
node scripts/build-worker.mjs
npx next build
node scripts/precompress.mjs out
node scripts/check-file-sizes.mjs out
