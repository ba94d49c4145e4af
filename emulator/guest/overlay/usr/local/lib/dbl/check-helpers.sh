# Functions for exercise checks (docs/authoring.md, "Helpers for checks"). Every check runs with
# this file sourced first (app/_lib/exercises/check-helpers.ts), so checks call these by name
# instead of carrying their own copies. POSIX sh: checks run under dash.

# The lab registry's storage (docker-registry's filesystem driver); read on disk, with no docker
# call, so a registry check costs no Docker CLI start.
DBL_REGISTRY=/var/lib/docker-registry/docker/registry/v2

# registry_manifest REPOSITORY TAG: the digest (sha256:…) of the manifest the lab's registry serves
# for REPOSITORY:TAG, e.g. `registry_manifest library/busybox latest`: what a pull records as the
# image's digest. Official images are library/NAME. Fails, printing nothing, when there is no such tag.
registry_manifest() {
  cat "$DBL_REGISTRY/repositories/$1/_manifests/tags/$2/current/link" 2>/dev/null
}

# registry_blob DIGEST: the path of a blob (a manifest, a config, a layer) in the registry's storage.
registry_blob() {
  _dbl_hex=${1#sha256:}
  echo "$DBL_REGISTRY/blobs/sha256/$(echo "$_dbl_hex" | cut -c1-2)/$_dbl_hex/data"
}

# registry_image_id REPOSITORY TAG: the image ID (the digest of its config) of REPOSITORY:TAG in the
# lab's registry: what `docker images` shows once it is pulled. Fails when there is no such tag.
registry_image_id() {
  _dbl_manifest=$(registry_manifest "$1" "$2") || return 1
  tr -d ' \n' <"$(registry_blob "$_dbl_manifest")" |
    sed -n 's/.*"config":{[^}]*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p'
}

# registry_layers REPOSITORY TAG: the checksums (diff IDs, sha256:…) of REPOSITORY:TAG's layers in
# the lab's registry, bottom first, one a line. Fails when there is no such tag.
registry_layers() {
  _dbl_config=$(registry_image_id "$1" "$2") || return 1
  tr -d ' \n' <"$(registry_blob "$_dbl_config")" |
    sed -n 's/.*"diff_ids":\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | tr -d '"'
}

# registry_has REPOSITORY TAG: succeeds when the lab's registry has REPOSITORY:TAG.
registry_has() {
  registry_image_id "$1" "$2" >/dev/null
}

# registry_tags REPOSITORY: the registry's tags of REPOSITORY on one line, space-separated; empty
# when it has none.
registry_tags() {
  ls "$DBL_REGISTRY/repositories/$1/_manifests/tags" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

# registry_repositories: the repositories pushed to the lab's registry (not the preloaded
# library/ ones), on one line, space-separated.
registry_repositories() {
  ls "$DBL_REGISTRY/repositories" 2>/dev/null | grep -vx library | tr '\n' ' ' | sed 's/ $//'
}

# image_id NAME: the full ID (sha256:…) of the image NAME on the machine (a name:tag, an ID or a
# digest). Fails, printing nothing, when there is no such image.
image_id() {
  docker image inspect --format '{{.Id}}' "$1" 2>/dev/null
}

# container_state NAME: the container's status and exit code, e.g. "exited 3" or "running 0".
# Fails, printing nothing, when there is no container NAME.
container_state() {
  docker inspect --type container --format '{{.State.Status}} {{.State.ExitCode}}' "$1" 2>/dev/null
}
