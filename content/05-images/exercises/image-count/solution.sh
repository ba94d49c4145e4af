#!/bin/sh
set -e
docker pull hello-world
docker images --format '{{.Repository}}' | wc -l > /root/image-count.txt
cat /root/image-count.txt
