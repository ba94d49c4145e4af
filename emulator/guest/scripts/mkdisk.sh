#!/bin/bash
# Turns the cached Debian root file system into the guest: overlay files, trimmed modules,
# the registry's images, the kernel and a small initrd, and an ext4 disk image made without
# loop mounts.
# Usage: mkdisk.sh ROOTFS DEBIAN_MINBASE_TAR IMAGE_ROOTFS_DIR EXTRA_DEBS_DIR OUT_DIR
set -euo pipefail
rootfs=$(realpath "$1") debian_tar=$(realpath "$2") image_rootfs=$(realpath "$3") extra_debs=$(realpath "$4") out=$(realpath -m "$5")
here=$(cd "$(dirname "$0")/.." && pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1793491200}
stage=$out/stage
rm -rf "$out" && mkdir -p "$out"
cp -a "$rootfs" "$stage"
# Packages newer than bookworm's (extra-debs.txt says which and why), installed by dpkg as usual.
for deb in "$extra_debs"/*.deb; do
  cp "$deb" "$stage/tmp/" && chroot "$stage" dpkg -i "/tmp/$(basename "$deb")" && rm "$stage/tmp/$(basename "$deb")"
done
# Docker's CLI starts every plugin with `docker-cli-plugin-metadata` for `docker info` and `docker
# help`. For Compose that is a 60 MB program: `docker info` (a first command, warmed in the saved
# state) put its pages in the state, 12.6 MB more to download before the prompt. Its answer is
# fixed, so a small script gives it and starts the real Compose, diverted, for everything else.
compose=/usr/libexec/docker/cli-plugins/docker-compose real=/usr/libexec/docker/compose/docker-compose
if [ -x "$stage$compose" ]; then
  mkdir -p "$stage$(dirname "$real")"
  chroot "$stage" dpkg-divert --quiet --local --rename --divert "$real" --add "$compose"
  # Compose's own answer (its plugin entry point: Docker Inc., the version Debian built it as),
  # written here because the program crashes under the build's qemu-user emulation.
  version=$(dpkg-query --admindir="$stage/var/lib/dpkg" -W -f '${Version}' docker-compose)
  metadata='{"SchemaVersion":"0.1.0","Vendor":"Docker Inc.","Version":"'"$version"'","ShortDescription":"Docker Compose"}'
  cat > "$stage$compose" <<EOF
#!/bin/sh
# Compose's plugin metadata, written by the guest build (emulator/guest/scripts/mkdisk.sh says why).
[ "\$1" = docker-cli-plugin-metadata ] && exec echo '$metadata'
exec $real "\$@"
EOF
  chmod 755 "$stage$compose"
fi
cp -a "$here/overlay/." "$stage/"
chown -R root:root "$stage/etc" "$stage/root" "$stage/usr/local"

kver=$(ls "$stage/lib/modules")
# busybox init is PID 1: small, and it respawns the services it starts.
ln -sf /bin/busybox "$stage/sbin/init"
rm -f "$stage"/etc/update-motd.d/* "$stage"/boot/initrd.img* "$stage/etc/machine-id"
: > "$stage/etc/machine-id"
rm -rf "$stage"/var/lib/apt/lists/* "$stage"/var/cache/apt/* "$stage"/var/cache/debconf/*-old "$stage"/var/log/*
# Drivers for hardware v86 does not have: never loaded, only make the disk bigger.
mods=$stage/lib/modules/$kver/kernel
rm -rf "$mods"/sound "$mods"/drivers/{gpu,media,net/wireless,net/ethernet,infiniband,staging,usb,bluetooth,hid,input,iio,isdn,mtd,nfc,hwmon,misc,mmc,platform,video,watchdog,power,thunderbolt,w1,leds,pcmcia,parport,firewire,spi,i2c,edac,gnss,comedi,atm,target,nvme,md,hv,xen,vfio,mfd,pinctrl,regulator,rtc,gpio,crypto} "$mods"/net/{wireless,mac80211,bluetooth,mac802154,ieee802154,nfc,rxrpc,ceph,sunrpc,rds,tipc,sctp,batman-adv,can,dsa}
chroot "$stage" /sbin/depmod "$kver"

# The registry's images, and a message of the day that lists them.
node "$here/images/build-images.mjs" "$stage" "$debian_tar" "$image_rootfs" "$out/images-work" "$out/images.json"
node -e '
  const images = require(process.argv[1]);
  const rows = images.map((i) => "  " + i.repository.padEnd(13) + i.tags.join(", ")).join("\n");
  process.stdout.write(`
Welcome to Docker Browser Lab: a real Debian machine with the real Docker Engine,
running inside your browser tab. Nothing here leaves your computer.

The registry at localhost:5000 holds these images, ready to pull:
${rows}

Try:  docker pull busybox
      docker images
      docker run --rm busybox echo hello

`);' "$out/images.json" > "$stage/etc/motd"

mkdir -p "$stage/etc/dbl"
node -e 'console.log(require(process.argv[1]).map((i) => i.repository).join(", "))' "$out/images.json" > "$stage/etc/dbl/registry-images"

# The packages the site serves, with their licences (the licences page reads this): the machine's
# and those in the registry's images (their root file systems from build-images.mjs).
image_roots=("$out"/images-work/*-root)
{
  chroot "$stage" dpkg-query -W -f '${Package}\t${Version}\t${source:Package}\t${source:Version}\n'
  for root in "${image_roots[@]}"; do
    dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package}\t${Version}\t${source:Package}\t${source:Version}\n'
  done
} | node "$here/scripts/licences.mjs" "$stage" "${image_roots[@]}" > "$out/packages.json"
rm -rf "$out/images-work"

# Kernel, and an initrd with busybox and the modules that mount the root disk.
cp "$stage/boot/vmlinuz-$kver" "$out/bzImage"
initrd=$out/initrd-stage
mkdir -p "$initrd"/{bin,proc,sys,dev,newroot,lib/modules}
cp "$stage/bin/busybox" "$initrd/bin/busybox"
cp "$here/initrd/init" "$initrd/init" && chmod +x "$initrd/init"
chroot "$stage" /sbin/modprobe -S "$kver" --show-depends -a ata_piix sd_mod ext4 \
  | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r path; do
    name=$(basename "$path"); cp "$stage$path" "$initrd/lib/modules/$name"; echo "$name"
  done > "$initrd/modules.order"
(cd "$initrd" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet --reproducible) | gzip -n -9 > "$out/initrd.img"
rm -rf "$initrd"

# No journal (no periodic commits waking the CPU, half the writes); inode tables initialised
# now, so the kernel does not zero them in the background after boot.
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mke2fs -q -t ext4 -b 4096 -m 0 -L dbl-root \
  -U 6b1e3c2a-3d5e-4f6a-9b8c-0d1e2f3a4b5c -E lazy_itable_init=0,nodiscard,root_owner=0:0,hash_seed=1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9 \
  -O ^has_journal -d "$stage" "$out/disk.img" 1536M
rm -rf "$stage"
echo "disk: $(du -h --apparent-size "$out/disk.img" | cut -f1) ($(du -h "$out/disk.img" | cut -f1) used), kernel $kver"
