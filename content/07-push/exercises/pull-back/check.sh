#!/bin/sh
# Passed when the registry has mybox:v1, the machine has localhost:5000/mybox:v1, and no longer mybox:v1.
registry_has() { # repository tag
  roots=$(sed -n 's/^[[:space:]]*rootdirectory:[[:space:]]*//p' /etc/docker/registry/config.yml 2>/dev/null)
  for root in $roots /var/lib/docker-registry /var/lib/registry; do
    [ -e "$root/docker/registry/v2/repositories/$1/_manifests/tags/$2/current/link" ] && return 0
  done
  # Fallback: the registry's HTTP API, if an HTTP client is installed (127.0.0.1: no name lookup).
  url="http://127.0.0.1:5000/v2/$1/tags/list"
  if command -v curl >/dev/null 2>&1; then body=$(curl -fsS --max-time 5 "$url" 2>/dev/null)
  elif command -v wget >/dev/null 2>&1; then body=$(wget -q -T 5 -O- "$url" 2>/dev/null)
  else return 1; fi
  case "$body" in *"\"$2\""*) return 0 ;; esac
  return 1
}
if ! registry_has mybox v1; then
  echo "en: The registry has no mybox:v1 yet; push it first (previous exercise)."
  echo "zh: 注册服务器里还没有 mybox:v1，请先推送它（上一个练习）。"
  exit 1
fi
rows=$(docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null)
if printf '%s\n' "$rows" | grep -qx 'mybox:v1'; then
  echo "en: mybox:v1 is still on the machine. Remove the local names: docker rmi mybox:v1 localhost:5000/mybox:v1"
  echo "zh: 机器上还有 mybox:v1。删掉本地的名字：docker rmi mybox:v1 localhost:5000/mybox:v1"
  exit 1
fi
if ! printf '%s\n' "$rows" | grep -qx 'localhost:5000/mybox:v1'; then
  echo "en: Now pull it back: docker pull localhost:5000/mybox:v1"
  echo "zh: 现在把它拉回来：docker pull localhost:5000/mybox:v1"
  exit 1
fi
exit 0
