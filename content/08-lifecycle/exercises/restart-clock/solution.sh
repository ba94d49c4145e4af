#!/bin/sh
set -e
# On a fresh machine, the exercise before this one first.
docker inspect --type container clock >/dev/null 2>&1 ||
  docker run -d --name clock busybox sh -c 'while true; do date; sleep 10; done'
docker stop clock
docker start clock
