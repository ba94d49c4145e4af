#!/bin/sh
# Passed when some container created from hello-world has exited with code 0.
list=$(docker ps -a --format '{{.Image}} {{.Status}}' 2>/dev/null)
if printf '%s\n' "$list" | grep -Eq '^(docker\.io/library/)?hello-world(:latest)? Exited \(0\)'; then
  exit 0
fi
if printf '%s\n' "$list" | grep -Eq '^(docker\.io/library/)?hello-world'; then
  echo "en: A hello-world container exists but has not finished successfully. Run: docker run hello-world"
  echo "zh: 已经有 hello-world 容器，但它还没有成功结束。运行：docker run hello-world"
else
  echo "en: No container from hello-world yet. Run: docker run hello-world"
  echo "zh: 还没有用 hello-world 创建的容器。运行：docker run hello-world"
fi
exit 1
