#!/bin/sh
# Passed when the Compose project duo, brought up from /root/duo, runs its services api and web,
# both created from busybox's image, and the machine's http://localhost:8084/ (published by web)
# answers with api's host name: the page that web fetched from http://api/, which only api knows.

# One row per container of the project: "SERVICE IMAGE_ID IMAGE STATE ID PORTS".
rows=$(engine '/containers/json?all=1' '.[] | select(.Labels["com.docker.compose.project"] == "duo")
  | "\(.Labels["com.docker.compose.service"]) \(.ImageID) \(.Image) \(.State) \(.Id) \([.Ports[] | .PublicPort // empty] | unique | map(tostring) | join(","))"')
api= web=
while read -r service rest; do
  case $service in
    api) api=$rest ;;
    web) web=$rest ;;
  esac
done <<ROWS
$rows
ROWS
if [ -z "$api$web" ]; then
  if [ -f /root/duo/compose.yaml ] || [ -f /root/duo/compose.yml ] || [ -f /root/duo/docker-compose.yml ] || [ -f /root/duo/docker-compose.yaml ]; then
    echo "en: /root/duo has a Compose file, but the project duo has no containers for services named api and web: run docker compose up -d in /root/duo."
    echo "zh: /root/duo 里已经有 Compose 文件，但项目 duo 还没有名为 api 和 web 的服务的容器：在 /root/duo 里运行 docker compose up -d。"
  else
    echo "en: There is no /root/duo/compose.yaml yet: write the file with the services api and web in the folder /root/duo, then run docker compose up -d there."
    echo "zh: 还没有 /root/duo/compose.yaml：先在目录 /root/duo 里写好包含 api 和 web 两个服务的文件，再在那里运行 docker compose up -d。"
  fi
  exit 1
fi
busybox=$(registry_image_id library/busybox latest)
set -f
for service in api web; do
  case $service in
    api) row=$api ;;
    web) row=$web ;;
  esac
  if [ -z "$row" ]; then
    echo "en: The project duo runs, but has no container for a service named $service: describe it under services: in compose.yaml and run docker compose up -d again."
    echo "zh: 项目 duo 在运行，但没有名为 $service 的服务的容器：在 compose.yaml 的 services: 下面描述它，再运行一次 docker compose up -d。"
    exit 1
  fi
  set -- $row
  if [ "$1" != "$busybox" ]; then
    echo "en: duo's $service runs the image $2, which is not busybox's. Set image: busybox for it and run docker compose up -d again."
    echo "zh: duo 的 $service 运行的是镜像 $2，不是 busybox 的镜像。给它写上 image: busybox，再运行一次 docker compose up -d。"
    exit 1
  fi
  if [ "$3" != running ]; then
    echo "en: duo's $service exists but is $3, not running: its server must keep running (docker compose ps -a shows it and its exit code)."
    echo "zh: duo 的 $service 存在，但它的状态是 $3，不是 running：它的服务器必须一直运行（docker compose ps -a 会显示它和它的退出码）。"
    exit 1
  fi
done
set -- $api
api_id=$4
set -- $web
case ",$5," in
  *,8084,*) ;;
  *)
    echo "en: duo's web runs, but publishes the machine's port ${5:-(none)}, not 8084: set ports: with \"8084:80\" under web and run docker compose up -d again."
    echo "zh: duo 的 web 在运行，但它发布的机器端口是 ${5:-（无）}，不是 8084：在 web 下面写上 ports:，列出 8084:80（写在引号里），再运行一次 docker compose up -d。"
    exit 1
    ;;
esac
name=$(container_json "$api_id" .Config.Hostname)
page=$(curl -s --max-time 5 http://localhost:8084/ | tr -d '\r')
if [ -z "$page" ]; then
  echo "en: duo's web publishes port 8084, but http://localhost:8084/ gives no page yet: does web serve, on its port 80, what it fetched from http://api/? (It may still be waiting for api.)"
  echo "zh: duo 的 web 发布了端口 8084，但 http://localhost:8084/ 还没有返回页面：web 是否在它的 80 端口上提供它从 http://api/ 取回的内容？（它也可能还在等 api。）"
  exit 1
fi
if ! printf '%s\n' "$page" | grep -qxF "$name"; then
  seen=$(printf '%s' "$page" | head -c 60 | tr '\n' ' ' | sed 's/ *$//')
  echo "en: http://localhost:8084/ answers \"$seen\", but api's host name is $name: web must serve the page it fetched from http://api/, where api serves its host name."
  echo "zh: http://localhost:8084/ 返回的是“$seen”，但 api 的主机名是 $name：web 必须提供它从 http://api/ 取回的页面，而 api 在那里提供的是它的主机名。"
  exit 1
fi
exit 0
