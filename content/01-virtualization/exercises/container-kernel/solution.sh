#!/bin/sh
set -e
docker run --name kernel busybox uname -r
uname -r
