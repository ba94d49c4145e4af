#!/bin/sh
# Passed when /root/top-layer.txt holds the checksum of webapp's top layer (the one that adds the
# start script): the last of the layers its image lists, bottom first. Read from the registry, so
# the check does not depend on what the learner renamed or removed since.

# The layers' checksums (diff IDs), bottom first, one a line.
layers=$(registry_layers library/webapp latest)
top=$(printf '%s\n' "$layers" | tail -n 1)
bottom=$(printf '%s\n' "$layers" | head -n 1)

f=/root/top-layer.txt
if [ ! -s "$f" ]; then
  echo "en: The file /root/top-layer.txt does not exist yet, or is empty."
  echo "zh: 文件 /root/top-layer.txt 还不存在，或者是空的。"
  exit 1
fi
got=$(tr -d ' \t\r\n' < "$f" | tr 'A-F' 'a-f')
got=sha256:${got#sha256:}
# The whole checksum, or at least its first 12 hexadecimal digits.
is() { [ ${#got} -ge 19 ] && case "$1" in "$got"*) true ;; *) false ;; esac; }
if is "$top"; then exit 0; fi
if is "$bottom"; then
  echo "en: The file holds webapp's bottom layer, the one it shares with busybox. The start script came last."
  echo "zh: 文件里是 webapp 最底下的一层，也就是它和 busybox 共用的那层。启动脚本是最后加上去的。"
elif is "$(printf '%s\n' "$layers" | sed -n 2p)"; then
  echo "en: The file holds webapp's middle layer, the web page. The start script came last."
  echo "zh: 文件里是 webapp 中间的那层，也就是网页。启动脚本是最后加上去的。"
else
  echo "en: The file holds \"${got#sha256:}\", which is none of webapp's layers."
  echo "zh: 文件里是“${got#sha256:}”，它不是 webapp 的任何一层。"
fi
exit 1
