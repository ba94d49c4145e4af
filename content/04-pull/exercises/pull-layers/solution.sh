#!/bin/sh
set -e
docker pull busybox
docker pull webapp
