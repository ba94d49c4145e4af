#!/bin/sh
# Passed when a container named kernel, created from busybox's image, ran `uname -r` and exited 0.
# Images are compared by ID, so busybox under any name (a tag, its ID, its digest) counts.

info=$(container_json kernel '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.ExitCode)", (.Config.Entrypoint // [])[], (.Config.Cmd // [])[]') || {
  echo "en: There is no container named kernel. (A container run with --rm is deleted when it exits, so the check cannot see it: leave --rm out.)"
  echo "zh: 没有名为 kernel 的容器。（加了 --rm 的容器一结束就被删除，检查就看不到它了：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $(printf '%s\n' "$info" | sed -n 1p)
image_id=$1 image=$2 status=$3 code=$4
# Its command as one line: "sh -c 'uname -r'" counts as "uname -r", and /bin/uname as uname.
set -- $(printf '%s\n' "$info" | sed 1d)
if [ "${1##*/}" = sh ] && [ "$2" = -c ]; then shift 2; fi
program=${1##*/}
shift
command="$program${*:+ $*}"

if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: The container kernel was created from $image, which is not busybox's image. Remove it (docker rm kernel) and run one from busybox."
  echo "zh: 容器 kernel 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm kernel），再用 busybox 运行一个。"
  exit 1
fi
if [ "$command" != "uname -r" ]; then
  echo "en: The container kernel ran \"$command\", not uname -r. Remove it (docker rm kernel) and try again."
  echo "zh: 容器 kernel 运行的是“$command”，不是 uname -r。先删除它（docker rm kernel）再试一次。"
  exit 1
fi
if [ "$status" != exited ]; then
  echo "en: The container kernel is $status; wait until it has finished."
  echo "zh: 容器 kernel 的状态是 $status，请等它结束。"
  exit 1
fi
if [ "$code" != 0 ]; then
  echo "en: The container kernel ran uname -r but exited with code $code."
  echo "zh: 容器 kernel 运行了 uname -r，但退出码是 $code。"
  exit 1
fi
exit 0
