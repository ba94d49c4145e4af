#!/bin/sh
set -e
docker rm -f shop 2>/dev/null || true
docker run -d --name shop -p 8081:80 busybox sh -c 'mkdir /www && echo open for business > /www/index.html && httpd -f -p 80 -h /www'
# Wait until the server answers on the published port.
for _ in $(seq 30); do
  curl -s --max-time 5 http://localhost:8081/ | grep -q 'open for business' && exit 0
  sleep 1
done
exit 1
