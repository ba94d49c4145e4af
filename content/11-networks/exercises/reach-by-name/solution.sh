#!/bin/sh
set -e
docker rm -f api 2>/dev/null || true
docker network rm backend 2>/dev/null || true
docker network create backend
docker run -d --name api --network backend busybox sh -c 'mkdir /www && echo hello from the api > /www/index.html && httpd -f -p 80 -h /www'
# Wait until api's server answers, at its address on backend.
address=$(docker inspect --format '{{.NetworkSettings.Networks.backend.IPAddress}}' api)
for _ in $(seq 30); do
  curl -s --max-time 5 "http://$address/" | grep -q 'hello from the api' && break
  sleep 1
done
docker run --rm --network backend busybox wget -qO- http://api/ > /root/from-api.txt
cat /root/from-api.txt
