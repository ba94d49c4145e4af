#!/bin/bash
# Builds whatever is missing (packages, guest artifacts, the site) and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs
