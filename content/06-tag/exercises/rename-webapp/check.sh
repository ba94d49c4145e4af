#!/bin/sh
# Passed when site:1.0 is webapp's three-layer image and the name webapp:latest is gone.
info=$(docker image inspect --format '{{len .RootFS.Layers}}|{{range .RepoTags}}{{.}} {{end}}' site:1.0 2>/dev/null) || {
  echo "en: There is no image called site:1.0 yet. Try: docker tag webapp site:1.0"
  echo "zh: 还没有名为 site:1.0 的镜像。试试：docker tag webapp site:1.0"
  exit 1
}
layers=${info%%|*}; tags=" ${info#*|}"
if [ "$layers" != 3 ]; then
  echo "en: site:1.0 has $layers layer(s); it should be webapp's three-layer image. Tag webapp again: docker tag webapp site:1.0"
  echo "zh: site:1.0 有 $layers 层，它应该是 webapp 那个三层的镜像。重新打标签：docker tag webapp site:1.0"
  exit 1
fi
case "$tags" in *" webapp:latest "*)
  echo "en: The image is still also called webapp:latest. Remove that name: docker rmi webapp"
  echo "zh: 这个镜像还叫 webapp:latest。删掉这个名字：docker rmi webapp"
  exit 1 ;;
esac
exit 0
