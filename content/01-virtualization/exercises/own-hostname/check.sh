#!/bin/sh
# Passed when a container named "box1" was created from busybox with the hostname "inside".
info=$(docker inspect --type container --format '{{.Config.Image}}|{{.Config.Hostname}}' box1 2>/dev/null) || {
  echo "en: No container named box1 yet. Try: docker run --name box1 --hostname inside busybox hostname"
  echo "zh: 还没有名为 box1 的容器。试试：docker run --name box1 --hostname inside busybox hostname"
  exit 1
}
image=${info%%|*}; host=${info#*|}
case "$image" in busybox|busybox:*|docker.io/library/busybox*) ;; *)
  echo "en: box1 was created from $image, not from busybox. Remove it (docker rm box1) and try again."
  echo "zh: box1 是用 $image 创建的，不是 busybox。先删除它（docker rm box1）再试一次。"
  exit 1 ;;
esac
if [ "$host" != inside ]; then
  echo "en: box1's hostname is $host, not inside. Remove it (docker rm box1) and use --hostname inside."
  echo "zh: box1 的主机名是 $host，不是 inside。先删除它（docker rm box1），再加上 --hostname inside。"
  exit 1
fi
if [ "$(hostname)" = inside ]; then
  echo "en: The guest itself is now called inside; only the container should be. Set its name back with the hostname command."
  echo "zh: 现在客户机本身也叫 inside 了，应该只有容器叫这个名字。用 hostname 命令把名字改回去。"
  exit 1
fi
exit 0
