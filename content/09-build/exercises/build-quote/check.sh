#!/bin/sh
# Passed when the image quote:1.0 is busybox's image with a file /quote.txt holding the line
# "Keep it small" on top, and its default command prints that file with cat. The file is read from
# the image's layers on disk (overlay2), so nothing is run; the command is read word by word
# (CMD ["cat", "/quote.txt"], CMD cat /quote.txt and a WORKDIR with a relative path all count).

info=$(image_json quote:1.0 '"\(.RootFS.Layers[0]) \(.RootFS.Layers | length) \(.GraphDriver.Data.UpperDir // ""):\(.GraphDriver.Data.LowerDir // "") \(.Config.WorkingDir)", (.Config.Entrypoint // [])[], (.Config.Cmd // [])[]') || {
  echo "en: There is no image quote:1.0."
  echo "zh: 没有镜像 quote:1.0。"
  exit 1
}
set -f
set -- $(printf '%s\n' "$info" | sed -n 1p)
base=$1 count=$2 dirs=$3 workdir=${4:-/}
if [ "$base" != "$(registry_layers library/busybox latest | head -n 1)" ]; then
  echo "en: quote:1.0 is not built on busybox: its first layer is not busybox's."
  echo "zh: quote:1.0 不是在 busybox 之上构建的：它的第一层不是 busybox 的层。"
  exit 1
fi
if [ "$count" -lt 2 ]; then
  echo "en: quote:1.0 has busybox's layer alone: it is busybox under another name, with no layer of its own for /quote.txt."
  echo "zh: quote:1.0 只有 busybox 的那一层：它只是换了名字的 busybox，没有放 /quote.txt 的自己的层。"
  exit 1
fi
# The topmost layer that has /quote.txt (upper directory first, then the lower ones, top down).
found=
IFS=:
for dir in $dirs; do
  if [ -n "$dir" ] && [ -e "$dir/quote.txt" ]; then found=$dir/quote.txt; break; fi
done
unset IFS
if [ -z "$found" ]; then
  echo "en: quote:1.0 has no file /quote.txt."
  echo "zh: quote:1.0 里没有文件 /quote.txt。"
  exit 1
fi
if ! grep -qx 'Keep it small' "$found" 2>/dev/null; then
  seen=$(head -c 60 "$found" 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')
  echo "en: quote:1.0's /quote.txt holds \"$seen\", not the line Keep it small."
  echo "zh: quote:1.0 的 /quote.txt 内容是“$seen”，不是 Keep it small 这一行。"
  exit 1
fi
# The default command as one line: "/bin/sh -c 'cat /quote.txt'" counts as "cat /quote.txt".
set -- $(printf '%s\n' "$info" | sed 1d)
if [ "${1##*/}" = sh ] && [ "$2" = -c ]; then shift 2; set -- $*; fi
command="$*"
program=${1##*/}
[ $# -gt 0 ] && shift
file=
if [ $# = 1 ]; then
  case "$1" in /*) file=$1 ;; *) file=${workdir%/}/${1#./} ;; esac
fi
if [ "$program" != cat ] || [ "$file" != /quote.txt ]; then
  echo "en: quote:1.0's default command is \"$command\", which does not print /quote.txt with cat."
  echo "zh: quote:1.0 的默认命令是“$command”，它不是用 cat 输出 /quote.txt。"
  exit 1
fi
exit 0
