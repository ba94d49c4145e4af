#!/bin/sh
# Passed when /root/busybox-id.txt holds busybox:latest's image ID (12 or more hex digits of it).
f=/root/busybox-id.txt
if [ ! -s "$f" ]; then
  echo "en: The file /root/busybox-id.txt does not exist yet, or is empty."
  echo "zh: 文件 /root/busybox-id.txt 还不存在，或者是空的。"
  exit 1
fi
full=$(image_id busybox:latest) || {
  echo "en: The file is written, but busybox:latest is not on the machine to compare it with."
  echo "zh: 文件已经写好了，但机器上没有 busybox:latest，无法比较。"
  exit 1
}
full=${full#sha256:}
got=$(tr -d ' \t\r\n' < "$f" | tr 'A-F' 'a-f')
got=${got#sha256:}
if [ ${#got} -ge 12 ] && case "$full" in "$got"*) true ;; *) false ;; esac; then
  exit 0
fi
echo "en: The file holds \"$got\", which is not the start of busybox:latest's IMAGE ID."
echo "zh: 文件里是“$got”，它不是 busybox:latest 的 IMAGE ID 的开头。"
exit 1
