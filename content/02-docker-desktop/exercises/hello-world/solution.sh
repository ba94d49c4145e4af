#!/bin/sh
set -e
docker run --name hello hello-world
