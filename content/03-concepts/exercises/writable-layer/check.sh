#!/bin/sh
# Passed when a container named note, created from busybox's image, has /note.txt in its writable
# layer. Images are compared by ID, so busybox under any name counts.

info=$(container_json note '"\(.Image) \(.Config.Image)"') || {
  echo "en: There is no container named note. (A container run with --rm is deleted when it exits, and its layer with it: leave --rm out.)"
  echo "zh: 没有名为 note 的容器。（加了 --rm 的容器一结束就连同它的可写层一起被删除：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
if [ "$1" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: note was created from $2, which is not busybox's image. Remove it (docker rm note) and run one from busybox."
  echo "zh: note 是用 $2 创建的，它不是 busybox 的镜像。先删除它（docker rm note），再用 busybox 运行一个。"
  exit 1
fi
changes=$(engine /containers/note/changes '.[]? | "\(["C", "A", "D"][.Kind]) \(.Path)"')
if printf '%s\n' "$changes" | grep -qx 'A /note\.txt'; then exit 0; fi
if [ -z "$changes" ]; then
  echo "en: docker diff note lists nothing: note's command wrote no file. Remove it (docker rm note) and run one that writes /note.txt."
  echo "zh: docker diff note 什么也没有列出：note 的命令没有写任何文件。先删除它（docker rm note），再运行一个会写 /note.txt 的容器。"
else
  echo "en: docker diff note lists $(printf '%s' "$changes" | tr '\n' ' '), but not A /note.txt."
  echo "zh: docker diff note 列出的是 $(printf '%s' "$changes" | tr '\n' ' ')，没有 A /note.txt。"
fi
exit 1
