#!/bin/sh
set -e
docker run --name box1 --hostname inside busybox hostname
