#!/bin/sh
set -e
docker pull busybox:1.35
