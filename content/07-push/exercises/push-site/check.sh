#!/bin/sh
# Passed when the lab's registry has the repository site with the tag 1.0, and that tag's manifest
# is webapp's image (the same image ID as the registry's webapp). No docker call: the registry's
# storage says it all.

if ! pushed=$(registry_image_id site 1.0); then
  tags=$(registry_tags site)
  if [ -n "$tags" ]; then
    echo "en: The registry has a repository site, with the tags $tags, but not 1.0."
    echo "zh: 注册服务器里有仓库 site，标签是 $tags，但没有 1.0。"
  else
    pushed=$(registry_repositories)
    echo "en: The registry has no repository site${pushed:+ (what you pushed so far: $pushed)}."
    echo "zh: 注册服务器里没有仓库 site${pushed:+（你目前推送过的：$pushed）}。"
  fi
  exit 1
fi
if [ "$pushed" != "$(registry_image_id library/webapp latest)" ]; then
  echo "en: The registry's site:1.0 is another image than webapp's. Push the image you named site:1.0 in the tagging lesson."
  echo "zh: 注册服务器里的 site:1.0 不是 webapp 的镜像。推送你在“为镜像添加标签”一课里命名为 site:1.0 的镜像。"
  exit 1
fi
exit 0
