#!/bin/sh
# Passed when a container named clock, created from busybox's image, is running. Images are
# compared by ID, so busybox under any name counts.

info=$(container_json clock '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.ExitCode)"') || {
  echo "en: There is no container named clock. (A container run with --rm is deleted when it stops: leave --rm out.)"
  echo "zh: 没有名为 clock 的容器。（加了 --rm 的容器一停止就被删除：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
if [ "$1" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: clock was created from $2, which is not busybox's image. Remove it (docker rm -f clock) and run one from busybox."
  echo "zh: clock 是用 $2 创建的，它不是 busybox 的镜像。先删除它（docker rm -f clock），再用 busybox 运行一个。"
  exit 1
fi
case "$3" in
  running) exit 0 ;;
  exited)
    echo "en: The container clock exists but exited with code $4: its command finished. Remove it (docker rm clock) and give it a command that keeps running."
    echo "zh: 容器 clock 存在，但已经退出，退出码是 $4：它的命令已经结束了。先删除它（docker rm clock），再给它一个会一直运行的命令。"
    ;;
  *)
    echo "en: The container clock exists but is $3, not running."
    echo "zh: 容器 clock 存在，但它的状态是 $3，不是 running。"
    ;;
esac
exit 1
