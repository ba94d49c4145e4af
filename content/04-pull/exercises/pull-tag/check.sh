#!/bin/sh
# Passed when busybox:1.35 is in the engine's image store.
if docker image inspect --format '{{.Id}}' busybox:1.35 >/dev/null 2>&1; then exit 0; fi
echo "en: busybox:1.35 is not on the machine yet. Name the tag after a colon: docker pull busybox:1.35"
echo "zh: 机器上还没有 busybox:1.35。在冒号后写上标签：docker pull busybox:1.35"
exit 1
