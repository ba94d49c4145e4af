#!/bin/sh
set -e
docker pull localhost:5000/library/hello-world
