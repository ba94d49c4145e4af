#!/bin/sh
set -e
docker run --name web1 busybox sh -c 'echo hello > /hello.txt'
docker diff web1
