#!/bin/sh
set -e
docker run --name note busybox sh -c 'echo remember > /note.txt'
docker diff note
