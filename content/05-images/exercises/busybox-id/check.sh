#!/bin/sh
# Passed when /root/busybox-id.txt holds busybox:latest's image ID (12 or more hex digits of it).
f=/root/busybox-id.txt
if [ ! -s "$f" ]; then
  echo "en: /root/busybox-id.txt does not exist yet (or is empty)."
  echo "zh: 文件 /root/busybox-id.txt 还不存在（或者是空的）。"
  exit 1
fi
full=$(docker image inspect --format '{{.Id}}' busybox:latest 2>/dev/null) || {
  echo "en: busybox:latest is not on the machine. Pull it first: docker pull busybox"
  echo "zh: 机器上没有 busybox:latest。先拉取它：docker pull busybox"
  exit 1
}
full=${full#sha256:}
got=$(tr -d ' \t\r\n' < "$f" | tr 'A-F' 'a-f')
got=${got#sha256:}
if [ ${#got} -ge 12 ] && case "$full" in "$got"*) true ;; *) false ;; esac; then
  exit 0
fi
echo "en: The file holds \"$got\", which is not busybox:latest's IMAGE ID (look at docker images busybox)."
echo "zh: 文件里是 \"$got\"，不是 busybox:latest 的 IMAGE ID（看看 docker images busybox）。"
exit 1
