#!/bin/sh
# Passed when greeting:v1 names hello-world's image (by image ID, as the lab's registry serves it).

rows=$(image_names)
got=$(printf '%s\n' "$rows" | sed -n 's/^greeting:v1 //p')
want=$(registry_image_id library/hello-world latest)
if [ -z "$got" ]; then
  echo "en: There is no image called greeting:v1 on the machine."
  echo "zh: 机器上没有名为 greeting:v1 的镜像。"
  exit 1
fi
if [ "$got" != "$want" ]; then
  names=$(printf '%s\n' "$rows" | sed -n "s/ $got\$//p" | grep -vx 'greeting:v1' | tr '\n' ' ' | sed 's/ $//')
  echo "en: greeting:v1 points at another image than hello-world's${names:+: the one also called $names}."
  echo "zh: greeting:v1 指向的不是 hello-world 的镜像${names:+，而是也叫 $names 的那个}。"
  exit 1
fi
exit 0
