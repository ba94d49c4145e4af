#!/bin/sh
set -e
docker pull webapp
docker tag webapp site:1.0
docker rmi webapp
docker tag site:1.0 localhost:5000/site:1.0
docker push localhost:5000/site:1.0
docker rmi site:1.0 localhost:5000/site:1.0
docker pull localhost:5000/site:1.0
