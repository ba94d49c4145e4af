#!/bin/sh
set -e
docker pull busybox
