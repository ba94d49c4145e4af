#!/bin/sh
# Passed when a container named publisher, created from busybox's image, has the guest's directory
# /root/www bind-mounted (at any path), and /root/www/index.html holds the line "hello from a
# container", written while publisher ran (the file's time lies between its start and its end).

info=$(container_json publisher '"\(.Image) \(.Config.Image) \(.State.StartedAt) \(.State.FinishedAt) \(.State.Status)\(.Mounts | map(" \(.Type):\(.Source):\(.Destination)") | add // "")"') || {
  echo "en: There is no container named publisher. (A container run with --rm is deleted when it exits, so the check cannot see its mounts: leave --rm out.)"
  echo "zh: 没有名为 publisher 的容器。（加了 --rm 的容器一退出就被删除，检查就看不到它的挂载了：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $info
image_id=$1 image=$2 started=$3 finished=$4 status=$5
shift 5
if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: publisher was created from $image, which is not busybox's image. Remove it (docker rm -f publisher) and run one from busybox."
  echo "zh: publisher 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm -f publisher），再用 busybox 运行一个。"
  exit 1
fi
target=
for mount in "$@"; do
  case "$mount" in bind:/root/www:*) target=${mount#bind:/root/www:} ;; esac
done
if [ -z "$target" ]; then
  mounts=$(printf '%s ' "$@" | sed 's/ $//')
  echo "en: publisher does not mount the guest's /root/www${mounts:+ (its mounts: $mounts)}. Remove it (docker rm -f publisher) and run it with -v /root/www:PATH."
  echo "zh: publisher 没有挂载本机的 /root/www${mounts:+（它的挂载：$mounts）}。先删除它（docker rm -f publisher），再用 -v /root/www:PATH 运行它。"
  exit 1
fi
file=/root/www/index.html
if [ ! -f "$file" ]; then
  echo "en: publisher mounts /root/www at $target, but /root/www has no index.html: write it from the container, into $target."
  echo "zh: publisher 把 /root/www 挂载在 $target，但 /root/www 里没有 index.html：要在容器里把它写进 $target。"
  exit 1
fi
if ! grep -qx 'hello from a container' "$file"; then
  seen=$(head -c 60 "$file" | tr '\n' ' ' | sed 's/ *$//')
  echo "en: /root/www/index.html holds \"$seen\", not the line hello from a container."
  echo "zh: /root/www/index.html 的内容是“$seen”，不是 hello from a container 这一行。"
  exit 1
fi
# Written while publisher ran: not before it started, nor after it ended (a second's leeway).
written=$(stat -c %Y "$file")
from=$(date -d "$started" +%s 2>/dev/null || echo 0)
case "$finished" in 0001-*) to=$(date +%s) ;; *) to=$(date -d "$finished" +%s 2>/dev/null || date +%s) ;; esac
if [ "$written" -lt $((from - 1)) ] || [ "$written" -gt $((to + 1)) ]; then
  echo "en: /root/www/index.html is right, but it was written outside publisher's run (publisher is $status): write it from inside the container."
  echo "zh: /root/www/index.html 的内容是对的，但它不是在 publisher 运行期间写的（publisher 的状态是 $status）：要在容器里面写它。"
  exit 1
fi
exit 0
