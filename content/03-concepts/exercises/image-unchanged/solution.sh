#!/bin/sh
# The container is meant to fail: the image has no /hello.txt.
docker run --name web2 busybox cat /hello.txt || true
