#!/bin/sh
# The container is meant to fail: the image has no /note.txt.
docker run --name reader busybox cat /note.txt || true
