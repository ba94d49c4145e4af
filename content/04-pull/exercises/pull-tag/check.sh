#!/bin/sh
# Passed when localhost:5000/library/busybox:1.35.0 came from the lab's registry by a pull: its
# repository recorded the digest the registry serves for that tag. (`docker tag` gives an image a
# name, never a digest, so busybox renamed does not pass.)

want=$(registry_manifest library/busybox 1.35.0)
name=localhost:5000/library/busybox:1.35.0

rows=$(image_digests)
row=$(printf '%s\n' "$rows" | grep "^$name ")
if [ -z "$row" ]; then
  mine=$(printf '%s\n' "$rows" | sed -n 's,^\(localhost:5000/library/busybox:[^ ]*\) .*,\1,p' | tr '\n' ' ')
  if [ -n "$mine" ]; then
    echo "en: From localhost:5000 there is ${mine}on the machine, but not the tag 1.35.0."
    echo "zh: 机器上有来自 localhost:5000 的 ${mine}，但没有 1.35.0 这个标签。"
  else
    echo "en: There is no image called $name on the machine."
    echo "zh: 机器上没有名为 $name 的镜像。"
  fi
  exit 1
fi
if [ "${row#* }" != "$want" ]; then
  echo "en: $name is on the machine, but it was not pulled from localhost:5000: it has no digest from there (docker tag names an image, a pull fetches it)."
  echo "zh: 机器上有 $name，但它不是从 localhost:5000 拉取的：它没有来自那里的摘要（docker tag 只是起名字，拉取才会取回镜像）。"
  exit 1
fi
exit 0
