#!/bin/sh
set -e
docker pull hello-world
docker tag hello-world hello:1.0
docker rmi hello-world
