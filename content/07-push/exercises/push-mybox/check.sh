#!/bin/sh
# Passed when the lab registry (localhost:5000) has the repository mybox with the tag v1.
# Looks in the registry's storage (no network, no docker call), else asks its HTTP API.
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
if registry_has mybox v1; then exit 0; fi
echo "en: The registry has no mybox:v1 yet. Tag the image for it (docker tag mybox:v1 localhost:5000/mybox:v1), then: docker push localhost:5000/mybox:v1"
echo "zh: 注册服务器里还没有 mybox:v1。先为它打上带地址的标签（docker tag mybox:v1 localhost:5000/mybox:v1），再执行：docker push localhost:5000/mybox:v1"
exit 1
