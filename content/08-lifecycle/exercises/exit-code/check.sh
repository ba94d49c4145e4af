#!/bin/sh
# Passed when a container named quitter, created from busybox's image, has exited with code 3.
# Images are compared by ID, so busybox under any name counts.

info=$(container_json quitter '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.ExitCode)"') || {
  echo "en: There is no container named quitter. (A container run with --rm is deleted when it exits, with its exit code: leave --rm out.)"
  echo "zh: 没有名为 quitter 的容器。（加了 --rm 的容器一退出就连同退出码一起被删除：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
if [ "$1" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: quitter was created from $2, which is not busybox's image. Remove it (docker rm -f quitter) and run one from busybox."
  echo "zh: quitter 是用 $2 创建的，它不是 busybox 的镜像。先删除它（docker rm -f quitter），再用 busybox 运行一个。"
  exit 1
fi
if [ "$3" != exited ]; then
  echo "en: The container quitter exists but is $3: it has not exited yet."
  echo "zh: 容器 quitter 存在，但它的状态是 $3：它还没有退出。"
  exit 1
fi
if [ "$4" != 3 ]; then
  echo "en: The container quitter exited with code $4, not 3. Remove it (docker rm quitter) and try again."
  echo "zh: 容器 quitter 的退出码是 $4，不是 3。先删除它（docker rm quitter）再试一次。"
  exit 1
fi
exit 0
