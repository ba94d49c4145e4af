#!/bin/sh
# Passed when hello-world is present and /root/image-count.txt holds the number of rows of docker images.
rows=$(image_names | cut -d ' ' -f 1)
if ! printf '%s\n' "$rows" | grep -qx 'hello-world:latest'; then
  echo "en: docker images lists no hello-world:latest, and the count is meant to include it."
  echo "zh: docker images 里没有 hello-world:latest，而要数的行应该包括它。"
  exit 1
fi
f=/root/image-count.txt
if [ ! -s "$f" ]; then
  echo "en: The file /root/image-count.txt does not exist yet, or is empty."
  echo "zh: 文件 /root/image-count.txt 还不存在，或者是空的。"
  exit 1
fi
want=$(printf '%s\n' "$rows" | grep -c .)
got=$(tr -d ' \t\r\n' < "$f")
if [ "$got" = "$want" ]; then exit 0; fi
echo "en: The file says $got, but docker images lists $want rows now (do not count the header)."
echo "zh: 文件里写的是 $got，但 docker images 现在列出了 $want 行（不算表头）。"
exit 1
