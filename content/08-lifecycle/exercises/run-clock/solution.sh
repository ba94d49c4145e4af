#!/bin/sh
set -e
docker run -d --name clock busybox sh -c 'while true; do date; sleep 10; done'
