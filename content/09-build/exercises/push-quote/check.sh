#!/bin/sh
# Passed when the lab's registry has the repository quote with the tag 1.0, and that tag's manifest
# is the image the machine calls quote:1.0 (the same image ID): the image built in the exercise
# before, not busybox or another image under that name.

if ! pushed=$(registry_image_id quote 1.0) || [ -z "$pushed" ]; then
  tags=$(registry_tags quote)
  if [ -n "$tags" ]; then
    echo "en: The registry has a repository quote, with the tags $tags, but not 1.0."
    echo "zh: 注册服务器里有仓库 quote，标签是 $tags，但没有 1.0。"
  else
    repos=$(registry_repositories)
    echo "en: The registry has no repository quote${repos:+ (what you pushed so far: $repos)}."
    echo "zh: 注册服务器里没有仓库 quote${repos:+（你目前推送过的：$repos）}。"
  fi
  exit 1
fi
local=$(image_id quote:1.0) || {
  echo "en: The registry has quote:1.0, but this machine has no image quote:1.0 to compare it with: build it again (the exercise before this one)."
  echo "zh: 注册服务器里有 quote:1.0，但这台机器上没有镜像 quote:1.0 可以比较：重新构建它（上一个练习）。"
  exit 1
}
if [ "$pushed" != "$local" ]; then
  short=$(echo "${pushed#sha256:}" | cut -c1-12)
  mine=$(echo "${local#sha256:}" | cut -c1-12)
  echo "en: The registry's quote:1.0 is the image $short, but your quote:1.0 is $mine. Tag and push your quote:1.0 again."
  echo "zh: 注册服务器里的 quote:1.0 是镜像 $short，而你的 quote:1.0 是 $mine。重新为你的 quote:1.0 添加标签并推送。"
  exit 1
fi
exit 0
