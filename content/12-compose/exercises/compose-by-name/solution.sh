#!/bin/sh
set -e
mkdir -p /root/duo
cd /root/duo
cat > compose.yaml <<'YAML'
services:
  api:
    image: busybox
    command: sh -c 'mkdir /www && hostname > /www/index.html && httpd -f -p 80 -h /www'
  web:
    image: busybox
    depends_on:
      - api
    command: sh -c 'mkdir /www && until wget -qO /www/index.html http://api/; do sleep 1; done && httpd -f -p 80 -h /www'
    ports:
      - "8084:80"
YAML
docker compose up -d
# Wait until web has fetched api's page and serves it.
for _ in $(seq 30); do
  [ -n "$(curl -s --max-time 5 http://localhost:8084/)" ] && exit 0
  sleep 1
done
exit 1
