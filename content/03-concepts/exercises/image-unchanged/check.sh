#!/bin/sh
# Passed when a container named web2, created from busybox, tried to use /hello.txt and failed.
info=$(docker inspect --type container --format '{{.Config.Image}}|{{join .Config.Cmd " "}}|{{.State.Status}}|{{.State.ExitCode}}' web2 2>/dev/null) || {
  echo "en: No container named web2 yet. Try: docker run --name web2 busybox cat /hello.txt"
  echo "zh: 还没有名为 web2 的容器。试试：docker run --name web2 busybox cat /hello.txt"
  exit 1
}
image=${info%%|*}; rest=${info#*|}; cmd=${rest%%|*}; rest=${rest#*|}; status=${rest%%|*}; code=${rest#*|}
case "$image" in busybox|busybox:*|docker.io/library/busybox*) ;; *)
  echo "en: web2 was created from $image, not from busybox. Remove it (docker rm web2) and try again."
  echo "zh: web2 是用 $image 创建的，不是 busybox。先删除它（docker rm web2）再试一次。"
  exit 1 ;;
esac
case "$cmd" in */hello.txt*) ;; *)
  echo "en: web2 ran \"$cmd\", which does not look for /hello.txt. Remove it (docker rm web2) and try: docker run --name web2 busybox cat /hello.txt"
  echo "zh: web2 运行的是 \"$cmd\"，没有去找 /hello.txt。删除它（docker rm web2）后试试：docker run --name web2 busybox cat /hello.txt"
  exit 1 ;;
esac
if [ "$status" != exited ]; then
  echo "en: web2 is still $status; wait for it to finish."
  echo "zh: web2 的状态还是 $status，请等它结束。"
  exit 1
fi
if [ "$code" = 0 ]; then
  echo "en: web2 found /hello.txt?! Its command must read the file from the image, e.g. cat /hello.txt."
  echo "zh: web2 居然找到了 /hello.txt？它的命令应该从镜像里读取这个文件，例如 cat /hello.txt。"
  exit 1
fi
exit 0
