#!/bin/sh
set -e
# On a fresh machine, the exercise before this one first.
if ! docker image inspect quote:1.0 >/dev/null 2>&1; then
  mkdir -p /root/quote
  cd /root/quote
  echo 'Keep it small' > quote.txt
  printf '%s\n' 'FROM busybox' 'COPY quote.txt /quote.txt' 'CMD ["cat", "/quote.txt"]' > Dockerfile
  docker build -t quote:1.0 .
fi
docker tag quote:1.0 localhost:5000/quote:1.0
docker push localhost:5000/quote:1.0
