#!/bin/bash
# The guest build runs i386 programs (Debian's maintainer scripts in its chroot). Most x86-64
# kernels run them natively; some cannot (IA-32 emulation off, as on VMs whose host allows 64-bit
# user code only: execve returns "Exec format error"). There, qemu-user-static runs them, registered
# with binfmt_misc; its F flag opens the interpreter now, so it works inside the chroot too.
# Quick and idempotent; needs root and gcc.
set -euo pipefail
cd "$(dirname "$0")/.."

probe=$(mktemp)
trap 'rm -f "$probe"' EXIT
gcc -m32 -static -nostdlib -ffreestanding -fno-pie -no-pie -o "$probe" emulator/guest/images/hello.c
runs_i386() { "$probe" >/dev/null 2>&1; }
runs_i386 && exit 0

echo "i386-exec: this kernel does not run i386 programs; using qemu-user-static through binfmt_misc"
if ! dpkg -s qemu-user-static >/dev/null 2>&1; then
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static >/dev/null
fi
binfmt=/proc/sys/fs/binfmt_misc
[ -e "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt"
if [ -e "$binfmt/qemu-i386" ]; then
  echo 1 > "$binfmt/qemu-i386"
else
  # ELF, 32-bit, little-endian, executable or shared object, machine EM_386 (qemu's own pattern).
  magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
  mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
  echo ":qemu-i386:M::$magic:$mask:/usr/bin/qemu-i386-static:F" > "$binfmt/register"
fi
if ! runs_i386; then
  echo "i386-exec: i386 programs still do not run (binfmt_misc: $(cat "$binfmt/status" 2>/dev/null || echo unavailable))." >&2
  exit 1
fi
