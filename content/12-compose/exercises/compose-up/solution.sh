#!/bin/sh
set -e
mkdir -p /root/site
cd /root/site
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sh -c 'mkdir /www && echo built by compose > /www/index.html && httpd -f -p 80 -h /www'
    ports:
      - "8083:80"
YAML
docker compose up -d
# Wait until the server answers on the published port.
for _ in $(seq 30); do
  curl -s --max-time 5 http://localhost:8083/ | grep -q 'built by compose' && exit 0
  sleep 1
done
exit 1
