#!/bin/sh
set -e
docker pull webapp
docker image inspect --format '{{index .RootFS.Layers 2}}' webapp > /root/top-layer.txt
cat /root/top-layer.txt
