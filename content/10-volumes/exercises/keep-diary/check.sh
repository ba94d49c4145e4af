#!/bin/sh
# Passed when the volume diary has a file entry.txt with the line "day one" and no container, running
# or stopped, uses the volume any more: the data outlived the container that wrote it. The file is
# read where the volume lives in the guest (its Mountpoint).

dir=$(volume_json diary .Mountpoint) || {
  echo "en: There is no volume named diary."
  echo "zh: 没有名为 diary 的卷。"
  exit 1
}
if [ ! -f "$dir/entry.txt" ]; then
  files=$(ls -A "$dir" 2>/dev/null | head -n 5 | tr '\n' ' ' | sed 's/ $//')
  if [ -n "$files" ]; then
    echo "en: The volume diary holds $files, but no entry.txt at its top."
    echo "zh: 卷 diary 里有 $files，但最上层没有 entry.txt。"
  else
    echo "en: The volume diary is empty: no entry.txt in it yet."
    echo "zh: 卷 diary 是空的：里面还没有 entry.txt。"
  fi
  exit 1
fi
if ! grep -qx 'day one' "$dir/entry.txt"; then
  seen=$(head -c 60 "$dir/entry.txt" | tr '\n' ' ' | sed 's/ *$//')
  echo "en: diary's entry.txt holds \"$seen\", not the line day one."
  echo "zh: diary 的 entry.txt 内容是“$seen”，不是 day one 这一行。"
  exit 1
fi
users=$(engine '/containers/json?all=1' '.[] | select(any(.Mounts[]; .Name == "diary")) | .Names[0][1:]' | tr '\n' ' ' | sed 's/ $//')
if [ -n "$users" ]; then
  echo "en: entry.txt is in diary, but the container $users still uses the volume: remove it and the data stays."
  echo "zh: entry.txt 已经在 diary 里了，但容器 $users 还在使用这个卷：删除容器，数据仍会留下。"
  exit 1
fi
exit 0
