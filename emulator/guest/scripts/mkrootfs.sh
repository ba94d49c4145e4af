#!/bin/bash
# Debian bookworm i386 root file system with the packages in packages.txt.
# Usage: mkrootfs.sh PACKAGES_TXT OUT [MMDEBSTRAP_OPTION...]
set -euo pipefail
packages_txt=$1 out=$2
shift 2
packages=$(sed -e 's/#.*//' -e '/^\s*$/d' "$packages_txt" | paste -sd, -)
# Documentation, manuals and translations are dropped (copyright files stay: the licences page
# and the GPL need them). No recommends: the guest stays small.
# The guest boots with its own small initrd (mkdisk.sh), so Debian's initramfs is never used:
# update-initramfs is diverted to a no-op while the packages install (under qemu-user emulation it
# ran three times, about 5 minutes each), and restored after.
exec mmdebstrap --arch=i386 --variant=minbase --mode=root \
  --aptopt='Apt::Install-Recommends "false"' \
  --essential-hook='chroot "$1" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs && ln -s /bin/true "$1/usr/sbin/update-initramfs"' \
  --customize-hook='rm "$1/usr/sbin/update-initramfs" && chroot "$1" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  ${packages:+--include="$packages"} "$@" \
  bookworm "$out" http://deb.debian.org/debian
