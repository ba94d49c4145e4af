#!/bin/sh
# Passed when a container named hello, created from hello-world's image, has exited with code 0.
# Images are compared by ID, so hello-world under any name (a tag, its ID, its digest) counts.

info=$(container_json hello '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.ExitCode)"') || {
  echo "en: There is no container named hello. (A container run with --rm is deleted when it exits, so the check cannot see it: leave --rm out.)"
  echo "zh: 没有名为 hello 的容器。（加了 --rm 的容器一结束就被删除，检查就看不到它了：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
image_id=$1 image=$2 status=$3 code=$4
if [ "$image_id" != "$(registry_image_id library/hello-world latest)" ]; then
  echo "en: The container hello was created from $image, which is not the hello-world image. Remove it (docker rm hello) and try again."
  echo "zh: 容器 hello 是用 $image 创建的，它不是 hello-world 镜像。先删除它（docker rm hello）再试一次。"
  exit 1
fi
if [ "$status" != exited ]; then
  echo "en: The container hello is $status; wait until it has finished."
  echo "zh: 容器 hello 的状态是 $status，请等它结束。"
  exit 1
fi
if [ "$code" != 0 ]; then
  echo "en: The container hello exited with code $code, not 0."
  echo "zh: 容器 hello 的退出码是 $code，不是 0。"
  exit 1
fi
exit 0
