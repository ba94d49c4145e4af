#!/bin/sh
# Passed when busybox:latest is in the engine's image store.
if docker image inspect --format '{{.Id}}' busybox:latest >/dev/null 2>&1; then exit 0; fi
echo "en: busybox:latest is not on the machine yet. Run: docker pull busybox"
echo "zh: 机器上还没有 busybox:latest。运行：docker pull busybox"
exit 1
