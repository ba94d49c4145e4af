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
  # The shell's own read, not cat: every process a check starts costs tens of ms in the emulator.
  # (The registry writes the link without a final newline, so read's status says nothing.)
  _dbl_link=
  { read -r _dbl_link || :; } 2>/dev/null <"$DBL_REGISTRY/repositories/$1/_manifests/tags/$2/current/link"
  [ -n "$_dbl_link" ] && echo "$_dbl_link"
}

# registry_blob DIGEST: the path of a blob (a manifest, a config, a layer) in the registry's storage.
registry_blob() {
  _dbl_hex=${1#sha256:}
  echo "$DBL_REGISTRY/blobs/sha256/${_dbl_hex%"${_dbl_hex#??}"}/$_dbl_hex/data"
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

# engine PATH [FILTER]: GET PATH from the Engine API on dockerd's socket, printed through
# `gojq -r FILTER` (jq's language; default: the JSON as it is). A curl and a gojq take about 0.2 s
# in the emulator, a docker CLI start 0.7-0.9 s, and checks run after every command the learner
# types. Only GET: a check changes nothing. Fails, printing nothing, on an error answer (404: no
# such object).
engine() {
  _dbl_json=$(curl -sf --unix-socket /var/run/docker.sock "http://docker$1") || return 1
  printf '%s\n' "$_dbl_json" | gojq -r "${2:-.}"
}

# _dbl_name NAME: succeeds when NAME can go into an API path as it is (a name, name:tag, ID or
# digest), so a name read from a learner's file cannot become another request.
_dbl_name() {
  case "$1" in "" | *[!A-Za-z0-9._:/@-]*) return 1 ;; esac
}

# container_json NAME [FILTER]: `docker container inspect NAME`, through FILTER (a jq filter), e.g.
# `container_json web '.State.Status'`. Fails when there is no container NAME.
container_json() {
  _dbl_name "$1" && engine "/containers/$1/json" "${2:-.}"
}

# image_json NAME [FILTER]: `docker image inspect NAME` (a name:tag, an ID or a digest), through
# FILTER. Fails when there is no such image.
image_json() {
  _dbl_name "$1" && engine "/images/$1/json" "${2:-.}"
}

# volume_json NAME [FILTER] and network_json NAME [FILTER]: `docker volume inspect` and
# `docker network inspect`, through FILTER. Fail when there is no such volume or network.
volume_json() {
  _dbl_name "$1" && engine "/volumes/$1" "${2:-.}"
}
network_json() {
  _dbl_name "$1" && engine "/networks/$1" "${2:-.}"
}

# image_id NAME: the full ID (sha256:…) of the image NAME on the machine (a name:tag, an ID or a
# digest). Fails, printing nothing, when there is no such image.
image_id() {
  image_json "$1" .Id
}

# container_state NAME: the container's status and exit code, e.g. "exited 3" or "running 0".
# Fails, printing nothing, when there is no container NAME.
container_state() {
  container_json "$1" '"\(.State.Status) \(.State.ExitCode)"'
}

# container_command NAME: the words of the container's command (its entrypoint, then its cmd),
# one a line, as `docker run IMAGE WORDS…` gave them. Fails when there is no container NAME.
container_command() {
  container_json "$1" '(.Config.Entrypoint // [])[], (.Config.Cmd // [])[]'
}

# image_names: one line per name of every image on the machine, "NAME:TAG ID" with the full ID,
# the rows of `docker images`; an image with no name is "<none>:<none> ID".
image_names() {
  engine /images/json '.[] | .Id as $id
    | ((.RepoTags // []) - ["<none>:<none>"]) as $tags
    | (if $tags == [] then ["<none>:<none>"] else $tags end)[] | "\(.) \($id)"'
}

# image_digests: one line per name of every image, "NAME:TAG DIGEST" with the digest a pull from
# NAME's repository recorded (sha256:…), or "<none>" when it came by `docker tag` or a build: the
# rows of `docker images --digests`. Images with no name are left out.
image_digests() {
  engine /images/json '.[] | (.RepoDigests // []) as $digests
    | ((.RepoTags // []) - ["<none>:<none>"])[] | sub(":[^:/]*$"; "") as $repo
    | "\(.) \(first($digests[] | select(startswith($repo + "@")) | sub("^[^@]*@"; "")) // "<none>")"'
}

