#!/bin/sh
# Passed when mybox:v1 exists and has the same image ID as busybox:latest.
rows=$(docker images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' 2>/dev/null)
mybox=$(printf '%s\n' "$rows" | sed -n 's/^mybox:v1 //p')
busybox=$(printf '%s\n' "$rows" | sed -n 's/^busybox:latest //p')
if [ -z "$mybox" ]; then
  echo "en: There is no image called mybox:v1 yet. Try: docker tag busybox:latest mybox:v1"
  echo "zh: 还没有名为 mybox:v1 的镜像。试试：docker tag busybox:latest mybox:v1"
  exit 1
fi
if [ -z "$busybox" ]; then
  echo "en: busybox:latest is not on the machine. Pull it (docker pull busybox), then tag it again."
  echo "zh: 机器上没有 busybox:latest。先拉取它（docker pull busybox），再重新打标签。"
  exit 1
fi
if [ "$mybox" != "$busybox" ]; then
  echo "en: mybox:v1 points at a different image than busybox:latest. Move it: docker tag busybox:latest mybox:v1"
  echo "zh: mybox:v1 指向的镜像和 busybox:latest 不同。把它移过来：docker tag busybox:latest mybox:v1"
  exit 1
fi
exit 0
