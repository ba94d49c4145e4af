#!/bin/sh
# Passed when hello:1.0 names hello-world's image (by image ID, as the lab's registry serves it) and
# the old name hello-world:latest is gone.

rows=$(image_names)
got=$(printf '%s\n' "$rows" | sed -n 's/^hello:1\.0 //p')
if [ -z "$got" ]; then
  echo "en: There is no image called hello:1.0 on the machine."
  echo "zh: 机器上没有名为 hello:1.0 的镜像。"
  exit 1
fi
if [ "$got" != "$(registry_image_id library/hello-world latest)" ]; then
  echo "en: hello:1.0 points at another image than hello-world's."
  echo "zh: hello:1.0 指向的不是 hello-world 的镜像。"
  exit 1
fi
if printf '%s\n' "$rows" | grep -q '^hello-world:latest '; then
  echo "en: hello:1.0 names the right image, but the old name hello-world:latest is still there."
  echo "zh: hello:1.0 指向的镜像没错，但旧名字 hello-world:latest 还在。"
  exit 1
fi
exit 0
