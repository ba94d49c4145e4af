// Builds the registry's preloaded images from Debian i386 binaries, with no internet and no
// Docker on the host, straight into ROOTFS/var/lib/docker-registry.
// Usage: node build-images.mjs ROOTFS DEBIAN_MINBASE_TAR IMAGE_ROOTFS_DIR WORKDIR OUT_JSON
//   IMAGE_ROOTFS_DIR holds <name>.tar for each packages/<name>.txt: Debian minbase with those
//   packages installed (mkrootfs.sh), the source of the nginx, redis and python images.

import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { layerPaths } from "./layer-diff.mjs";
import { RegistryWriter } from "./registry-layout.mjs";

const [rootfs, debianTar, imageRootfsDir, work, outJson] = process.argv.slice(2);
if (!outJson) {
  console.error("usage: build-images.mjs ROOTFS DEBIAN_MINBASE_TAR IMAGE_ROOTFS_DIR WORKDIR OUT_JSON");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
// Fixed so image IDs and CREATED are the same on every rebuild.
const CREATED = "2026-11-01T00:00:00Z";
const EPOCH = String(Date.parse(CREATED) / 1000);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

/** A reproducible tar of DIR's contents: sorted, fixed times and owners. */
function tarOf(dir, name) {
  const out = join(work, name + ".tar");
  execFileSync("tar", [
    "--sort=name", `--mtime=@${EPOCH}`, "--owner=0", "--group=0", "--numeric-owner",
    "--format=gnu", "-C", dir, "-cf", out, ".",
  ]);
  return out;
}

/** Extracts TAR into WORKDIR/NAME as it is (owners, modes, links) and returns the directory. */
function extract(tar, name) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["--numeric-owner", "-xpf", tar, "-C", dir]);
  return dir;
}

/** The layer that installing packages/<name>.txt over the debian image adds, as a tar. */
function packageLayerTar(name, lowerDir, tweak) {
  const upper = extract(join(imageRootfsDir, `${name}.tar`), `${name}-root`);
  tweak?.(upper);
  const list = join(work, `${name}.list`);
  writeFileSync(list, layerPaths(lowerDir, upper).join("\0"));
  const out = join(work, `${name}-layer.tar`);
  execFileSync("tar", [
    "--sort=name", `--mtime=@${EPOCH}`, "--numeric-owner", "--format=gnu", "--no-recursion",
    "--null", "-C", upper, "-T", list, "-cf", out,
  ]);
  return { tar: out, root: upper };
}

/** A package's version in an extracted root file system (the host's dpkg-query reads its database). */
function packageVersion(root, pkg) {
  return execFileSync("dpkg-query", [`--admindir=${join(root, "var/lib/dpkg")}`, "-W", "-f", "${Version}", pkg], { encoding: "utf8" });
}

function stage(name, files) {
  const dir = join(work, name);
  for (const [path, { content, mode = 0o644, from }] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (from) copyFileSync(from, target);
    else writeFileSync(target, content);
    chmodSync(target, mode);
  }
  return dir;
}

// busybox: Debian's busybox-static plus its applet links, like the official image.
const busyboxBin = join(rootfs, "bin/busybox");
const busyboxDir = stage("busybox", {
  "bin/busybox": { from: busyboxBin, mode: 0o755 },
  "etc/passwd": { content: "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n" },
  "etc/group": { content: "root:x:0:\nnogroup:x:65534:\n" },
  "etc/hostname": { content: "busybox\n" },
});
for (const d of ["root", "tmp", "var/tmp", "home", "proc", "sys", "dev"]) mkdirSync(join(busyboxDir, d), { recursive: true });
chmodSync(join(busyboxDir, "tmp"), 0o1777);
// The static i386 binary runs natively on an x86-64 kernel with IA32 emulation.
const applets = execFileSync(busyboxBin, ["--list-full"], { encoding: "utf8" }).split("\n").filter(Boolean);
for (const applet of applets) {
  const link = join(busyboxDir, applet.startsWith("/") ? applet.slice(1) : applet);
  if (link.endsWith("/busybox")) continue;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), join(busyboxDir, "bin/busybox")), link);
}
const busyboxVersion = execFileSync(busyboxBin, ["--help"], { encoding: "utf8" }).match(/BusyBox v([\d.]+)/)?.[1];
if (!busyboxVersion) throw new Error("could not read the busybox version");

// hello-world: a 9 KB static program, compiled from hello.c with no libc.
const helloDir = join(work, "hello-world");
mkdirSync(helloDir, { recursive: true });
execFileSync("gcc", [
  "-m32", "-static", "-nostdlib", "-ffreestanding", "-fno-pie", "-no-pie", "-Os", "-s",
  "-Wl,--build-id=none", "-o", join(helloDir, "hello"), join(here, "hello.c"),
]);

// webapp: three layers, the first one byte-for-byte busybox's, so a pull after busybox
// shows "Already exists" for it.
const pageDir = stage("webapp-page", {
  "www/index.html": { content: "<!doctype html>\n<title>webapp</title>\n<h1>Hello from the webapp image</h1>\n<p>This file lives in the image's second layer.</p>\n" },
});
const startDir = stage("webapp-start", {
  "usr/local/bin/start": {
    mode: 0o755,
    content: "#!/bin/sh\n# The webapp image's third layer: its start command.\necho \"webapp: serving /www (layer 2) with the start script from layer 3\"\ncat /www/index.html\n",
  },
});

// The debian image's root file system: the lower side of every package image's layer.
const debianDir = extract(debianTar, "debian-root");

// nginx logs to the container's output, as the official image does, so `docker logs` shows requests.
const nginx = packageLayerTar("nginx", debianDir, (root) => {
  for (const [log, target] of [["access.log", "/dev/stdout"], ["error.log", "/dev/stderr"]]) {
    rmSync(join(root, "var/log/nginx", log), { force: true });
    symlinkSync(target, join(root, "var/log/nginx", log));
  }
});
const redis = packageLayerTar("redis", debianDir);
const python = packageLayerTar("python", debianDir);
const versions = {
  busybox: busyboxVersion,
  nginx: packageVersion(nginx.root, "nginx-light"),
  redis: packageVersion(redis.root, "redis-server"),
  python: packageVersion(python.root, "python3"),
  flask: packageVersion(python.root, "python3-flask"),
};
const short = (version, parts) => version.replace(/^\d+:/, "").split(/[.~+-]/).slice(0, parts).join(".");

/** Every image says where it comes from (`docker image inspect`): none of them is Docker Hub's. */
function withOrigin(config, what) {
  return {
    ...config,
    Labels: {
      "org.opencontainers.image.description": `${what}, built by Docker Browser Lab from Debian 12 (bookworm) i386 packages. Not the Docker Hub image: this machine has no internet.`,
      "org.opencontainers.image.vendor": "Docker Browser Lab",
    },
  };
}

const PATH = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];
const registry = new RegistryWriter(join(rootfs, "var/lib/docker-registry"));
const busyboxLayer = registry.layerFromTar(tarOf(busyboxDir, "busybox"));
const debianLayer = registry.layerFromTar(debianTar);
const images = [
  registry.writeImage({
    repository: "library/busybox",
    tags: ["latest", short(busyboxVersion, 2), busyboxVersion],
    layers: [busyboxLayer],
    config: withOrigin({ Env: PATH, Cmd: ["sh"] }, `BusyBox ${busyboxVersion} (busybox-static)`),
    history: [`ADD busybox ${busyboxVersion} (Debian busybox-static, i386) in /`],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/hello-world",
    tags: ["latest"],
    layers: [registry.layerFromTar(tarOf(helloDir, "hello-world"))],
    config: withOrigin({ Env: PATH, Cmd: ["/hello"] }, "A 9 KB program compiled from hello.c with Debian's gcc"),
    history: ["COPY hello /"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/webapp",
    tags: ["latest"],
    layers: [busyboxLayer, registry.layerFromTar(tarOf(pageDir, "webapp-page")), registry.layerFromTar(tarOf(startDir, "webapp-start"))],
    config: withOrigin({ Env: PATH, Cmd: ["/usr/local/bin/start"] }, "A three-layer teaching image over busybox"),
    history: ["ADD busybox in /", "COPY index.html /www/", "COPY start /usr/local/bin/"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/debian",
    tags: ["bookworm", "12", "latest"],
    layers: [debianLayer],
    config: withOrigin({ Env: PATH, Cmd: ["bash"] }, "Debian bookworm minbase (mmdebstrap)"),
    history: ["ADD Debian bookworm minbase (i386, mmdebstrap) in /"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/nginx",
    tags: ["latest", short(versions.nginx, 2), short(versions.nginx, 3)],
    layers: [debianLayer, registry.layerFromTar(nginx.tar)],
    config: withOrigin(
      { Env: PATH, Cmd: ["nginx", "-g", "daemon off;"], ExposedPorts: { "80/tcp": {} }, StopSignal: "SIGQUIT" },
      `nginx ${versions.nginx} (nginx-light), serving Debian's welcome page on port 80`,
    ),
    history: ["ADD Debian bookworm minbase (i386, mmdebstrap) in /", "RUN apt-get install nginx-light && ln -s /dev/stdout /var/log/nginx/access.log && ln -s /dev/stderr /var/log/nginx/error.log"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/redis",
    tags: ["latest", short(versions.redis, 1), short(versions.redis, 2)],
    layers: [debianLayer, registry.layerFromTar(redis.tar)],
    // Without a config file redis listens on every interface; protected mode would refuse other
    // containers, so it is off as in the official image (the network is the container's own).
    config: withOrigin({ Env: PATH, Cmd: ["redis-server", "--protected-mode", "no"], ExposedPorts: { "6379/tcp": {} } }, `redis ${versions.redis} (redis-server)`),
    history: ["ADD Debian bookworm minbase (i386, mmdebstrap) in /", "RUN apt-get install redis-server"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/python",
    tags: ["latest", short(versions.python, 1), short(versions.python, 2)],
    layers: [debianLayer, registry.layerFromTar(python.tar)],
    config: withOrigin(
      { Env: [...PATH, "PYTHONUNBUFFERED=1"], Cmd: ["python3"] },
      `Python ${versions.python} with Flask ${versions.flask} and the redis client preinstalled (no pip install here)`,
    ),
    history: ["ADD Debian bookworm minbase (i386, mmdebstrap) in /", "RUN apt-get install python3 python-is-python3 python3-flask python3-redis"],
    created: CREATED,
  }),
];

writeFileSync(outJson, JSON.stringify(images.map((i) => ({ ...i, repository: i.repository.replace(/^library\//, "") })), null, 2));
for (const i of images) {
  const mb = i.layers.reduce((n, l) => n + l.size, 0) / 1e6;
  console.log(`${i.repository}:${i.tags.join(",")} ${i.imageId.slice(7, 19)} ${i.layers.length} layer(s) ${mb.toFixed(1)} MB`);
}
