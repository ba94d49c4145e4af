#!/bin/sh
# Passed when a container named reader, created from busybox's image, tried to read /note.txt (and
# nothing else) and failed. Its command must be a program that reads a file, named by an absolute
# path or one relative to the container's working directory. Images are compared by ID.

info=$(container_json reader '"\(.Image) \(.Config.Image) \(.State.Status) \(.State.ExitCode) \(.Config.WorkingDir)", (.Config.Entrypoint // [])[], (.Config.Cmd // [])[]') || {
  echo "en: There is no container named reader. (A container run with --rm is deleted when it exits, so the check cannot see it: leave --rm out.)"
  echo "zh: 没有名为 reader 的容器。（加了 --rm 的容器一结束就被删除，检查就看不到它了：这次不要加 --rm。）"
  exit 1
}
set -f
set -- $(printf '%s\n' "$info" | sed -n 1p)
image_id=$1 image=$2 status=$3 code=$4 workdir=${5:-/}
# Its command as one line: "sh -c 'cat /note.txt'" counts as "cat /note.txt", /bin/cat as cat.
set -- $(printf '%s\n' "$info" | sed 1d)
if [ "${1##*/}" = sh ] && [ "$2" = -c ]; then shift 2; fi
program=${1##*/}
shift
command="$program${*:+ $*}"
# What it names besides options (and the ] that closes a [ test).
files=0 file=
for word in "$@"; do
  case "$word" in -*|"]") ;; *) files=$((files + 1)) file=$word ;; esac
done
case "$file" in /*) path=$file ;; *) path=${workdir%/}/${file#./} ;; esac

if [ "$image_id" != "$(registry_image_id library/busybox latest)" ]; then
  echo "en: reader was created from $image, which is not busybox's image. Remove it (docker rm reader) and run one from busybox."
  echo "zh: reader 是用 $image 创建的，它不是 busybox 的镜像。先删除它（docker rm reader），再用 busybox 运行一个。"
  exit 1
fi
case "$program" in
  cat|ls|head|tail|more|less|stat|wc|od|hexdump|xxd|md5sum|sha256sum|test|"[") ;;
  *)
    echo "en: reader ran \"$command\", which does not read a file. Remove it (docker rm reader) and try again."
    echo "zh: reader 运行的是“$command”，它并不读取文件。先删除它（docker rm reader）再试一次。"
    exit 1 ;;
esac
if [ "$files" != 1 ]; then
  echo "en: reader ran \"$command\", which names $files files; it should read /note.txt alone. Remove it (docker rm reader) and try again."
  echo "zh: reader 运行的是“$command”，它指定了 $files 个文件，应该只读 /note.txt。先删除它（docker rm reader）再试一次。"
  exit 1
fi
if [ "$path" != /note.txt ]; then
  echo "en: reader ran \"$command\", which reads $path, not /note.txt. Remove it (docker rm reader) and try again."
  echo "zh: reader 运行的是“$command”，它读的是 $path，不是 /note.txt。先删除它（docker rm reader）再试一次。"
  exit 1
fi
if [ "$status" != exited ]; then
  echo "en: reader is $status; wait until it has finished."
  echo "zh: reader 的状态是 $status，请等它结束。"
  exit 1
fi
if [ "$code" = 0 ]; then
  echo "en: reader ran \"$command\" and it succeeded: the file was there. Was reader created from busybox itself?"
  echo "zh: reader 运行“$command”成功了：文件是存在的。reader 是直接用 busybox 创建的吗？"
  exit 1
fi
exit 0
