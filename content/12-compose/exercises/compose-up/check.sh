#!/bin/sh
# Passed when the Compose project site, brought up from /root/site, runs its service web: a
# container created from busybox's image that publishes the machine's port 8083, where
# http://localhost:8083/ answers with a page holding the line "built by compose".

# Compose labels every container it makes with its project, service and folder.
info=$(engine '/containers/json?all=1' '[.[] | select(.Labels["com.docker.compose.project"] == "site" and .Labels["com.docker.compose.service"] == "web")][0] // empty
  | "\(.ImageID) \(.Image) \(.State) \(.Labels["com.docker.compose.project.working_dir"]) \([.Ports[] | .PublicPort // empty] | unique | map(tostring) | join(","))"')
if [ -z "$info" ]; then
  if [ -f /root/site/compose.yaml ] || [ -f /root/site/compose.yml ] || [ -f /root/site/docker-compose.yml ] || [ -f /root/site/docker-compose.yaml ]; then
    echo "en: /root/site has a Compose file, but the project site has no container for a service named web: run docker compose up -d in /root/site (docker compose ps lists what runs)."
    echo "zh: /root/site 里已经有 Compose 文件，但项目 site 还没有名为 web 的服务的容器：在 /root/site 里运行 docker compose up -d（docker compose ps 会列出正在运行的服务）。"
  else
    echo "en: There is no /root/site/compose.yaml yet: write the file in the folder /root/site, then run docker compose up -d there."
    echo "zh: 还没有 /root/site/compose.yaml：先在目录 /root/site 里写好这个文件，再在那里运行 docker compose up -d。"
  fi
  exit 1
fi
set -f
set -- $info
image_id=$1 image=$2 status=$3 folder=$4 ports=$5
if [ "$folder" != /root/site ]; then
  echo "en: The project site was brought up from $folder, not from /root/site. Take it down there (docker compose down), then bring it up from /root/site."
  echo "zh: 项目 site 是在 $folder 里启动的，不是在 /root/site 里。先在那里把它停掉（docker compose down），再在 /root/site 里启动它。"
  exit 1
fi
if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: site's web runs the image $image, which is not busybox's. Set image: busybox in compose.yaml and run docker compose up -d again: Compose replaces the container."
  echo "zh: site 的 web 运行的是镜像 $image，不是 busybox 的镜像。在 compose.yaml 里写 image: busybox，再运行一次 docker compose up -d：Compose 会替换这个容器。"
  exit 1
fi
if [ "$status" != running ]; then
  echo "en: site's web exists but is $status, not running: its server must keep running (docker compose ps -a shows it and its exit code)."
  echo "zh: site 的 web 存在，但它的状态是 $status，不是 running：它的服务器必须一直运行（docker compose ps -a 会显示它和它的退出码）。"
  exit 1
fi
case ",$ports," in
  *,8083,*) ;;
  ,,)
    echo "en: site's web runs, but publishes no port on the machine: add ports: with \"8083:80\" under web, and run docker compose up -d again."
    echo "zh: site 的 web 在运行，但没有在机器上发布任何端口：在 web 下面加上 ports:，列出 8083:80（写在引号里），再运行一次 docker compose up -d。"
    exit 1
    ;;
  *)
    echo "en: site's web runs, but publishes the machine's port $ports, not 8083: change ports: in compose.yaml and run docker compose up -d again."
    echo "zh: site 的 web 在运行，但它发布的是机器的端口 $ports，不是 8083：改一下 compose.yaml 里的 ports:，再运行一次 docker compose up -d。"
    exit 1
    ;;
esac
page=$(curl -s --max-time 5 http://localhost:8083/ | tr -d '\r')
if [ -z "$page" ]; then
  echo "en: site's web publishes port 8083, but http://localhost:8083/ gives no page: is a server listening on the container port it is published to?"
  echo "zh: site 的 web 发布了端口 8083，但 http://localhost:8083/ 没有返回页面：容器里被发布的那个端口上有服务器在监听吗？"
  exit 1
fi
if ! printf '%s\n' "$page" | grep -qx 'built by compose'; then
  seen=$(printf '%s' "$page" | head -c 60 | tr '\n' ' ' | sed 's/ *$//')
  echo "en: http://localhost:8083/ answers \"$seen\", not a page with the line built by compose."
  echo "zh: http://localhost:8083/ 返回的是“$seen”，不是含有 built by compose 这一行的页面。"
  exit 1
fi
exit 0
