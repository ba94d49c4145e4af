#!/bin/sh
# Passed when webapp:latest is in the engine's image store with its three layers.
n=$(docker image inspect --format '{{len .RootFS.Layers}}' webapp:latest 2>/dev/null) || {
  echo "en: webapp:latest is not on the machine yet. Run: docker pull webapp"
  echo "zh: 机器上还没有 webapp:latest。运行：docker pull webapp"
  exit 1
}
if [ "$n" != 3 ]; then
  echo "en: webapp:latest has $n layers instead of 3; this is not the registry's webapp. Remove it (docker rmi webapp) and pull it again."
  echo "zh: webapp:latest 有 $n 层而不是 3 层，不是注册服务器里的 webapp。删除它（docker rmi webapp）后重新拉取。"
  exit 1
fi
exit 0
