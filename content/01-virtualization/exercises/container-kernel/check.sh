#!/bin/sh
# Passed when a container named "kernel", created from busybox, ran `uname ...` and exited 0.
info=$(docker inspect --type container --format '{{.Config.Image}}|{{join .Config.Cmd " "}}|{{.State.Status}}|{{.State.ExitCode}}' kernel 2>/dev/null) || {
  echo "en: No container named kernel yet. Try: docker run --name kernel busybox uname -r"
  echo "zh: 还没有名为 kernel 的容器。试试：docker run --name kernel busybox uname -r"
  exit 1
}
image=${info%%|*}; rest=${info#*|}; cmd=${rest%%|*}; rest=${rest#*|}; status=${rest%%|*}; code=${rest#*|}
case "$image" in busybox|busybox:*|docker.io/library/busybox*) ;; *)
  echo "en: The container kernel was created from $image, not from busybox. Remove it (docker rm kernel) and try again."
  echo "zh: 容器 kernel 是用 $image 创建的，不是 busybox。先删除它（docker rm kernel）再试一次。"
  exit 1 ;;
esac
case "$cmd" in *uname*) ;; *)
  echo "en: The container kernel ran \"$cmd\" instead of uname -r. Remove it (docker rm kernel) and try again."
  echo "zh: 容器 kernel 运行的是 \"$cmd\"，不是 uname -r。先删除它（docker rm kernel）再试一次。"
  exit 1 ;;
esac
if [ "$status" != exited ] || [ "$code" != 0 ]; then
  echo "en: The container kernel has not finished successfully yet (status $status, exit code $code)."
  echo "zh: 容器 kernel 还没有成功结束（状态 $status，退出码 $code）。"
  exit 1
fi
exit 0
