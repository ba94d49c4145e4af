#!/bin/sh
set -e
docker pull webapp
docker tag webapp site:1.0
docker rmi webapp
docker images site
