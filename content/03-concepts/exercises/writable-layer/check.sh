#!/bin/sh
# Passed when a container named web1, created from busybox, has /hello.txt in its writable layer.
image=$(docker inspect --type container --format '{{.Config.Image}}' web1 2>/dev/null) || {
  echo "en: No container named web1 yet. Try: docker run --name web1 busybox sh -c 'echo hello > /hello.txt'"
  echo "zh: 还没有名为 web1 的容器。试试：docker run --name web1 busybox sh -c 'echo hello > /hello.txt'"
  exit 1
}
case "$image" in busybox|busybox:*|docker.io/library/busybox*) ;; *)
  echo "en: web1 was created from $image, not from busybox. Remove it (docker rm web1) and try again."
  echo "zh: web1 是用 $image 创建的，不是 busybox。先删除它（docker rm web1）再试一次。"
  exit 1 ;;
esac
if docker diff web1 2>/dev/null | grep -q '^A /hello\.txt$'; then
  exit 0
fi
echo "en: docker diff web1 does not list /hello.txt. Remove web1 (docker rm web1) and create it again with a command that writes /hello.txt."
echo "zh: docker diff web1 里没有 /hello.txt。删除 web1（docker rm web1），再用一条会写入 /hello.txt 的命令重新创建它。"
exit 1
