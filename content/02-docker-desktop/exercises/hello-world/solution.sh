#!/bin/sh
set -e
docker run hello-world
