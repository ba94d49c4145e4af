#!/bin/sh
# Passed when a running container named shop, created from busybox's image, publishes a container
# port on the machine's port 8081, and the machine's http://localhost:8081/ answers with a page that
# holds the line "open for business".

info=$(container_json shop '"\(.Image) \(.Config.Image) \(.State.Status) \([.NetworkSettings.Ports // {} | to_entries[] | select(.value != null) | .value[] | .HostPort] | unique | join(","))"') || {
  echo "en: There is no container named shop. (A container run with --rm is deleted when it stops: leave it running, with -d.)"
  echo "zh: 没有名为 shop 的容器。（加了 --rm 的容器一停止就被删除：让它用 -d 在后台一直运行。）"
  exit 1
}
set -f
set -- $info
image_id=$1 image=$2 status=$3 ports=$4
if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: shop was created from $image, which is not busybox's image. Remove it (docker rm -f shop) and run one from busybox."
  echo "zh: shop 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm -f shop），再用 busybox 运行一个。"
  exit 1
fi
if [ "$status" != running ]; then
  echo "en: shop exists but is $status, not running: its server must keep running (docker ps -a shows why it stopped)."
  echo "zh: shop 存在，但它的状态是 $status，不是 running：它的服务器必须一直运行（docker ps -a 可以看出它为什么停了）。"
  exit 1
fi
case ",$ports," in
  *,8081,*) ;;
  ,,)
    echo "en: shop runs, but publishes no port on the machine. Remove it (docker rm -f shop) and run it again with -p."
    echo "zh: shop 在运行，但没有在机器上发布任何端口。先删除它（docker rm -f shop），再加上 -p 重新运行。"
    exit 1
    ;;
  *)
    echo "en: shop runs, but publishes the machine's port $ports, not 8081. Remove it (docker rm -f shop) and run it again with -p."
    echo "zh: shop 在运行，但它发布的是机器的端口 $ports，不是 8081。先删除它（docker rm -f shop），再加上 -p 重新运行。"
    exit 1
    ;;
esac
page=$(curl -s --max-time 5 http://localhost:8081/ | tr -d '\r')
if [ -z "$page" ]; then
  echo "en: shop publishes port 8081, but http://localhost:8081/ gives no page: is a server listening on the container port it is published to?"
  echo "zh: shop 发布了端口 8081，但 http://localhost:8081/ 没有返回页面：容器里被发布的那个端口上有服务器在监听吗？"
  exit 1
fi
if ! printf '%s\n' "$page" | grep -qx 'open for business'; then
  seen=$(printf '%s' "$page" | head -c 60 | tr '\n' ' ' | sed 's/ *$//')
  echo "en: http://localhost:8081/ answers \"$seen\", not a page with the line open for business."
  echo "zh: http://localhost:8081/ 返回的是“$seen”，不是含有 open for business 这一行的页面。"
  exit 1
fi
exit 0
