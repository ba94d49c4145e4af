#!/bin/sh
set -e
docker pull busybox
docker images --format '{{.ID}}' busybox:latest > /root/busybox-id.txt
cat /root/busybox-id.txt
