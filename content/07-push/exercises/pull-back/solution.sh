#!/bin/sh
set -e
docker pull busybox
docker tag busybox mybox:v1
docker tag mybox:v1 localhost:5000/mybox:v1
docker push localhost:5000/mybox:v1
docker rmi mybox:v1 localhost:5000/mybox:v1
docker pull localhost:5000/mybox:v1
docker images
