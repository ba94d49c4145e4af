#!/bin/sh
set -e
mkdir -p /root/www
docker run --name publisher -v /root/www:/www busybox sh -c 'echo hello from a container > /www/index.html'
