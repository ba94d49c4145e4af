#!/bin/sh
# Passed when the container clock runs again after it stopped at least once: it is running and has
# a time it finished (Docker keeps 0001-01-01… until a container first stops). Stop and start,
# restart, kill and start all count; a new container named clock has never stopped.

info=$(container_json clock '"\(.State.Status)|\(.State.FinishedAt)|\(.State.ExitCode)"') || {
  echo "en: There is no container named clock. Start with the exercise before this one."
  echo "zh: 没有名为 clock 的容器。先完成上一个练习。"
  exit 1
}
status=${info%%|*}
rest=${info#*|}
finished=${rest%%|*}
code=${rest#*|}
case "$finished" in
  0001-*)
    if [ "$status" = running ]; then
      echo "en: clock is running, but it has never stopped since it was created."
      echo "zh: clock 正在运行，但它自创建以来从未停止过。"
    else
      echo "en: clock is $status and has never stopped yet."
      echo "zh: clock 的状态是 $status，还从未停止过。"
    fi
    exit 1 ;;
esac
if [ "$status" != running ]; then
  echo "en: clock has stopped (exit code $code) but is not running again: it is $status."
  echo "zh: clock 已经停止过（退出码 $code），但没有再次运行：它的状态是 $status。"
  exit 1
fi
exit 0
