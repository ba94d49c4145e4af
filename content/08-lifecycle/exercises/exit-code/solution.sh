#!/bin/sh
# The container is meant to fail: its exit code is the point.
docker run --name quitter busybox sh -c 'exit 3' || true
