#!/bin/bash
# Installs what building and testing need on a fresh Debian 12 machine (as root): Debian
# packages, then the npm packages. Quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# mmdebstrap (with arch-test, which it asks for to build i386 on amd64), e2fsprogs, cpio, zstd, gcc,
# curl (the packages emulator/guest/extra-debs.txt pins): the guest build. seabios: the emulator's BIOS.
# chromium + CJK fonts: the browser tests. nginx: the tests that serve the site with
# docs/deploy.md's configuration (they run nginx themselves; its service is not needed).
# qemu-system-x86: the speed comparison. gojq: the unit tests run the exercise checks, whose helpers
# read the Engine API's JSON with it.
packages=(mmdebstrap arch-test e2fsprogs cpio zstd gcc curl gojq seabios chromium fonts-noto-cjk nginx qemu-system-x86)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The guest build's chroot runs i386 programs; where the kernel cannot, qemu-user-static does.
bash scripts/i386-exec.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
