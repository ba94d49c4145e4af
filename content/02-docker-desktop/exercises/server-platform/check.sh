#!/bin/sh
# Passed when /root/server-platform.txt holds the daemon's os/arch (linux/386 in the lab).
f=/root/server-platform.txt
if [ ! -s "$f" ]; then
  echo "en: The file /root/server-platform.txt does not exist yet, or is empty."
  echo "zh: 文件 /root/server-platform.txt 还不存在，或者是空的。"
  exit 1
fi
want=$(engine /version '"\(.Os)/\(.Arch)"')
got=$(tr -d ' \t\r\n' < "$f")
if [ "$got" != "$want" ]; then
  echo "en: The file says \"$got\", but the server reports another os/arch. Look at the Server part of docker version."
  echo "zh: 文件里写的是“$got”，但服务端报告的 os/arch 不是这个。看看 docker version 输出中的 Server 部分。"
  exit 1
fi
exit 0
