// Writes images straight into the on-disk layout of Docker's registry (distribution v2.8,
// filesystem driver), so the guest's registry serves them without any push at build time.
// Layers are deterministic tarballs; their digests are stable across rebuilds.

import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const MEDIA = {
  manifest: "application/vnd.docker.distribution.manifest.v2+json",
  config: "application/vnd.docker.container.image.v1+json",
  layer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
};

const sha256 = (data) => "sha256:" + createHash("sha256").update(data).digest("hex");

export class RegistryWriter {
  /** @param {string} root the registry's rootdirectory, e.g. ROOTFS/var/lib/docker-registry */
  constructor(root) {
    this.v2 = join(root, "docker/registry/v2");
  }

  writeBlob(data) {
    const digest = sha256(data);
    const hex = digest.slice(7);
    const dir = join(this.v2, "blobs/sha256", hex.slice(0, 2), hex);
    if (!existsSync(join(dir, "data"))) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "data"), data);
    }
    return { digest, size: data.length };
  }

  link(path, digest) {
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, "link"), digest);
  }

  /** A layer from an uncompressed tar: returns what the manifest and config need. */
  layerFromTar(tarPath) {
    const tar = readFileSync(tarPath);
    const gz = gzipSync(tar, { level: 9 }); // zlib writes no name or mtime: deterministic
    const blob = this.writeBlob(gz);
    return { ...blob, diffId: sha256(tar), mediaType: MEDIA.layer };
  }

  /**
   * @param {object} image
   * @param {string} image.repository e.g. "library/busybox"
   * @param {string[]} image.tags
   * @param {ReturnType<RegistryWriter["layerFromTar"]>[]} image.layers bottom first
   * @param {object} image.config the image config's "config" part (Cmd, Env, ...)
   * @param {string[]} image.history one "created_by" line per layer
   * @param {string} image.created RFC 3339 time, fixed for reproducible IDs
   */
  writeImage({ repository, tags, layers, config, history, created }) {
    const imageConfig = {
      architecture: "386",
      os: "linux",
      created,
      config,
      rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
      history: history.map((created_by) => ({ created, created_by })),
    };
    const configBlob = this.writeBlob(Buffer.from(JSON.stringify(imageConfig)));
    const manifest = {
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      config: { mediaType: MEDIA.config, size: configBlob.size, digest: configBlob.digest },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest })),
    };
    const manifestBlob = this.writeBlob(Buffer.from(JSON.stringify(manifest, null, 3)));

    const repo = join(this.v2, "repositories", repository);
    for (const blob of [configBlob, ...layers]) {
      this.link(join(repo, "_layers/sha256", blob.digest.slice(7)), blob.digest);
    }
    const mhex = manifestBlob.digest.slice(7);
    this.link(join(repo, "_manifests/revisions/sha256", mhex), manifestBlob.digest);
    for (const tag of tags) {
      this.link(join(repo, "_manifests/tags", tag, "current"), manifestBlob.digest);
      this.link(join(repo, "_manifests/tags", tag, "index/sha256", mhex), manifestBlob.digest);
    }
    return {
      repository,
      tags,
      imageId: configBlob.digest,
      manifestDigest: manifestBlob.digest,
      layers: layers.map((l) => ({ digest: l.digest, size: l.size })),
    };
  }
}
