#!/bin/sh
# Passed when a user-defined network named backend has a running container named api on it, created
# from busybox's image, serving a page with the line "hello from the api" on port 80 (read by the
# machine at api's address on backend), and /root/from-api.txt, written after api started, holds
# that line.

members=$(network_json backend '[.Containers // {} | .[] | .Name] | join(",")') || {
  echo "en: There is no network named backend."
  echo "zh: 没有名为 backend 的网络。"
  exit 1
}
info=$(container_json api '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.StartedAt) \(.NetworkSettings.Networks.backend.IPAddress // "-") \(.NetworkSettings.Networks // {} | keys | join(","))"') || {
  echo "en: The network backend exists, but there is no container named api. (A container run with --rm is deleted when it stops: leave it running, with -d.)"
  echo "zh: 网络 backend 已经有了，但没有名为 api 的容器。（加了 --rm 的容器一停止就被删除：让它用 -d 在后台一直运行。）"
  exit 1
}
set -f
set -- $info
image_id=$1 image=$2 status=$3 started=$4 address=$5 networks=$6
if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: api was created from $image, which is not busybox's image. Remove it (docker rm -f api) and run one from busybox."
  echo "zh: api 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm -f api），再用 busybox 运行一个。"
  exit 1
fi
if [ "$status" != running ]; then
  echo "en: api exists but is $status, not running: its server must keep running (docker ps -a shows why it stopped)."
  echo "zh: api 存在，但它的状态是 $status，不是 running：它的服务器必须一直运行（docker ps -a 可以看出它为什么停了）。"
  exit 1
fi
if [ "$address" = - ] || [ -z "$address" ]; then
  echo "en: api runs, but on the network ${networks:-none}, not on backend (backend has ${members:-no containers}). Run it with --network backend, or connect it (docker network connect)."
  echo "zh: api 在运行，但它在网络 ${networks:-none} 上，不在 backend 上（backend 上有：${members:-没有容器}）。用 --network backend 运行它，或者把它连接上去（docker network connect）。"
  exit 1
fi
page=$(curl -s --max-time 5 "http://$address/" | tr -d '\r')
if ! printf '%s\n' "$page" | grep -qx 'hello from the api'; then
  seen=$(printf '%s' "$page" | head -c 60 | tr '\n' ' ' | sed 's/ *$//')
  echo "en: api is on backend, but its port 80 answers ${seen:+\"$seen\"}${seen:-nothing}, not a page with the line hello from the api."
  echo "zh: api 在 backend 上，但它的 80 端口返回的是${seen:+“$seen”}${seen:-空的}，不是含有 hello from the api 这一行的页面。"
  exit 1
fi
file=/root/from-api.txt
if [ ! -f "$file" ]; then
  echo "en: api serves its page on backend, but there is no /root/from-api.txt yet: fetch http://api/ from a container on backend and save what it prints."
  echo "zh: api 已经在 backend 上提供页面了，但还没有 /root/from-api.txt：从 backend 上的一个容器获取 http://api/，把它打印的内容保存下来。"
  exit 1
fi
if ! tr -d '\r' <"$file" | grep -qx 'hello from the api'; then
  seen=$(tr -d '\r' <"$file" | head -c 60 | tr '\n' ' ' | sed 's/ *$//')
  echo "en: /root/from-api.txt holds \"$seen\", not the page api serves (the line hello from the api)."
  echo "zh: /root/from-api.txt 的内容是“$seen”，不是 api 提供的页面（hello from the api 这一行）。"
  exit 1
fi
# Fetched from this api: the file was written after api started (a second's leeway).
written=$(stat -c %Y "$file")
from=$(date -d "$started" +%s 2>/dev/null || echo 0)
if [ "$written" -lt $((from - 1)) ]; then
  echo "en: /root/from-api.txt is older than the container api: fetch the page again from the api that runs now."
  echo "zh: /root/from-api.txt 比容器 api 还旧：从现在运行的 api 重新获取这个页面。"
  exit 1
fi
exit 0
