#!/bin/sh
# Passed when a container named note, created from busybox's image, has /note.txt in its writable
# layer. Images are compared by ID, so busybox under any name counts.

info=$(container_json note '"\(.Image) \(.GraphDriver.Data.UpperDir // "-") \(.Config.Image)"') || {
  echo "en: There is no container named note. (A container run with --rm is deleted when it exits, and its layer with it: leave --rm out.)"
  echo "zh: 没有名为 note 的容器。（加了 --rm 的容器一结束就连同它的可写层一起被删除：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
if [ "$1" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: note was created from $3, which is not busybox's image. Remove it (docker rm note) and run one from busybox."
  echo "zh: note 是用 $3 创建的，它不是 busybox 的镜像。先删除它（docker rm note），再用 busybox 运行一个。"
  exit 1
fi
# The writable layer is the overlay's upper directory: what docker diff lists, read without
# asking the engine to walk it. busybox has no /note.txt, so one there was added.
upper=$2
if [ -e "$upper/note.txt" ] && [ ! -c "$upper/note.txt" ]; then exit 0; fi
changes=$(ls -A "$upper" 2>/dev/null | head -n 5 | sed 's,^,/,' | tr '\n' ' ' | sed 's/ $//')
if [ -z "$changes" ]; then
  echo "en: docker diff note lists nothing: note's command wrote no file. Remove it (docker rm note) and run one that writes /note.txt."
  echo "zh: docker diff note 什么也没有列出：note 的命令没有写任何文件。先删除它（docker rm note），再运行一个会写 /note.txt 的容器。"
else
  echo "en: note's writable layer holds $changes, but no /note.txt (see docker diff note)."
  echo "zh: note 的可写层里有 $changes，但没有 /note.txt（可以用 docker diff note 查看）。"
fi
exit 1
