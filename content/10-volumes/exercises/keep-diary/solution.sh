#!/bin/sh
set -e
docker volume create diary
docker run --name scribe -v diary:/diary busybox sh -c 'echo day one > /diary/entry.txt'
docker rm scribe
