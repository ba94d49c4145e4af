#!/bin/sh
set -e
docker pull busybox
docker tag busybox:latest mybox:v1
docker images
