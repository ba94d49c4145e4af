#!/bin/sh
set -e
docker version --format '{{.Server.Os}}/{{.Server.Arch}}' > /root/server-platform.txt
cat /root/server-platform.txt
