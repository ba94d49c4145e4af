#!/bin/sh
# Passed when the registry has site:1.0, the machine has no site:1.0 any more, and it has
# localhost:5000/site:1.0 pulled back from the registry: with the registry's digest, and as an
# image that arrived by that pull. Docker records when an image was last tagged; an image deleted
# and pulled again never was, while one that only lost a name keeps the time of its tags.

digest=$(registry_manifest site 1.0) || {
  echo "en: The registry has no site:1.0 yet; push it first (the previous exercise)."
  echo "zh: 注册服务器里还没有 site:1.0，请先推送它（上一个练习）。"
  exit 1
}
name=localhost:5000/site:1.0
# Its names and digests, then (after the |) when it was last tagged, which Docker prints with spaces.
info=$(image_json $name '"\(.RepoTags | map(. + " ") | add // "")\(.RepoDigests | map(. + " ") | add // "")|\(.Metadata.LastTagTime)"') || {
  echo "en: There is no image called $name on the machine."
  echo "zh: 机器上没有名为 $name 的镜像。"
  exit 1
}
tagged=${info#*|}
names=" ${info%%|*}"
set -f
set -- ${info%%|*}
case "$names" in *" site:1.0 "*)
  echo "en: The image is still also called site:1.0 on the machine."
  echo "zh: 这个镜像在机器上仍然也叫 site:1.0。"
  exit 1 ;;
esac
case "$names" in *" localhost:5000/site@$digest "*) ;; *)
  echo "en: $name is on the machine, but without the digest of the registry's site:1.0."
  echo "zh: 机器上有 $name，但它没有注册服务器中 site:1.0 的摘要。"
  exit 1 ;;
esac
case "$tagged" in 0001-01-01*) exit 0 ;; esac
others=$(printf '%s\n' "$@" | grep -v '@' | grep -vx "$name" | tr '\n' ' ' | sed 's/ $//')
if [ -n "$others" ]; then
  echo "en: $name never left the machine: its image is also called $others. Remove every name of the image, then pull it."
  echo "zh: $name 从没离开过这台机器：它的镜像还叫 $others。删掉这个镜像的所有名字，再拉取它。"
else
  echo "en: $name is the image tagged here earlier; it was never deleted, so no pull brought it back. Remove it, then pull it."
  echo "zh: $name 是之前在这里打过标签的那个镜像；它从没被删除过，所以并不是拉取拿回来的。先删除它，再拉取。"
fi
exit 1
