#!/bin/sh
set -e
docker pull localhost:5000/library/busybox:1.35.0
