#!/bin/sh
set -e
docker pull hello-world
docker tag hello-world greeting:v1
