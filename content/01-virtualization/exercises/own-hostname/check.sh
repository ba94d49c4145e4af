#!/bin/sh
# Passed when a container named box1 was created from busybox's image with the hostname "inside",
# and the guest itself kept its own name. Images are compared by ID.

info=$(container_json box1 '"\(.Image) \(.Config.Image) \(.Config.Hostname)"') || {
  echo "en: There is no container named box1. (A container run with --rm is deleted when it exits, so the check cannot see it: leave --rm out.)"
  echo "zh: 没有名为 box1 的容器。（加了 --rm 的容器一结束就被删除，检查就看不到它了：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
image_id=$1 image=$2 host=$3
if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: box1 was created from $image, which is not busybox's image. Remove it (docker rm box1) and run one from busybox."
  echo "zh: box1 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm box1），再用 busybox 运行一个。"
  exit 1
fi
if [ "$host" != inside ]; then
  echo "en: box1's hostname is $host, not inside. Remove it (docker rm box1) and create it again."
  echo "zh: box1 的主机名是 $host，不是 inside。先删除它（docker rm box1），再重新创建。"
  exit 1
fi
if [ "$(hostname)" = inside ]; then
  echo "en: box1 is right, but the guest itself is now called inside too. Give it back its name: hostname lab"
  echo "zh: box1 没问题，但客户机本身现在也叫 inside 了。把它的名字改回去：hostname lab"
  exit 1
fi
exit 0
