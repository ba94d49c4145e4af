#!/bin/bash
# Every test: unit, reliability (hostile input and bad files, Chromium), guest (real v86),
# end-to-end (real Chromium against the built site).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
npm run test:unit
npm run test:reliability
npm run test:guest
npm run test:e2e
