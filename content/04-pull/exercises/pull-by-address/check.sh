#!/bin/sh
# Passed when localhost:5000/library/hello-world:latest came from the lab's registry by a pull: its
# repository recorded the digest the registry serves for that tag. (`docker tag` gives an image a
# name, never a digest, so a renamed copy does not pass.)

want=$(registry_manifest library/hello-world latest)
name=localhost:5000/library/hello-world:latest

rows=$(image_digests)
row=$(printf '%s\n' "$rows" | grep "^$name ")
if [ -z "$row" ]; then
  if printf '%s\n' "$rows" | grep -q '^hello-world:latest '; then
    echo "en: hello-world:latest is on the machine, but not $name: a name without a registry goes to Docker Hub (here, its mirror)."
    echo "zh: 机器上有 hello-world:latest，但没有 $name：不带注册服务器的名字去的是 Docker Hub（在这里是它的镜像源）。"
  else
    echo "en: There is no image called $name on the machine."
    echo "zh: 机器上没有名为 $name 的镜像。"
  fi
  exit 1
fi
if [ "${row#* }" != "$want" ]; then
  echo "en: $name is on the machine, but it was not pulled from localhost:5000: it has no digest from there (docker tag names an image, a pull fetches it)."
  echo "zh: 机器上有 $name，但它不是从 localhost:5000 拉取的：它没有来自那里的摘要（docker tag 只是起名字，拉取才会取回镜像）。"
  exit 1
fi
exit 0
