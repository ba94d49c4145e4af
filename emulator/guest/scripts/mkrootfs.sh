#!/bin/bash
# Debian bookworm i386 root file system with the packages in packages.txt.
# Usage: mkrootfs.sh PACKAGES_TXT OUT_DIR [VARIANT_EXTRA...]
set -euo pipefail
packages_txt=$1 out=$2
packages=$(sed -e 's/#.*//' -e '/^\s*$/d' "$packages_txt" | paste -sd, -)
# Documentation, manuals and translations are dropped (copyright files stay: the licences page
# and the GPL need them). No recommends: the guest stays small.
exec mmdebstrap --arch=i386 --variant=minbase --mode=root \
  --aptopt='Apt::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  ${packages:+--include="$packages"} \
  bookworm "$out" http://deb.debian.org/debian
