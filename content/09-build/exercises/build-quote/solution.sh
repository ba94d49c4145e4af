#!/bin/sh
set -e
mkdir -p /root/quote
cd /root/quote
echo 'Keep it small' > quote.txt
printf '%s\n' 'FROM busybox' 'COPY quote.txt /quote.txt' 'CMD ["cat", "/quote.txt"]' > Dockerfile
docker build -t quote:1.0 .
