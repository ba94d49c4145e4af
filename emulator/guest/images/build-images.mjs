// Builds the registry's preloaded images from Debian i386 binaries, with no internet and no
// Docker on the host, straight into ROOTFS/var/lib/docker-registry.
// Usage: node build-images.mjs ROOTFS DEBIAN_MINBASE_TAR WORKDIR OUT_JSON

import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RegistryWriter } from "./registry-layout.mjs";

const [rootfs, debianTar, work, outJson] = process.argv.slice(2);
if (!outJson) {
  console.error("usage: build-images.mjs ROOTFS DEBIAN_MINBASE_TAR WORKDIR OUT_JSON");
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

const registry = new RegistryWriter(join(rootfs, "var/lib/docker-registry"));
const busyboxLayer = registry.layerFromTar(tarOf(busyboxDir, "busybox"));
const images = [
  registry.writeImage({
    repository: "library/busybox",
    tags: ["latest", busyboxVersion.split(".").slice(0, 2).join("."), busyboxVersion],
    layers: [busyboxLayer],
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["sh"] },
    history: [`ADD busybox ${busyboxVersion} (Debian busybox-static, i386) in /`],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/hello-world",
    tags: ["latest"],
    layers: [registry.layerFromTar(tarOf(helloDir, "hello-world"))],
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["/hello"] },
    history: ["COPY hello /"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/webapp",
    tags: ["latest"],
    layers: [busyboxLayer, registry.layerFromTar(tarOf(pageDir, "webapp-page")), registry.layerFromTar(tarOf(startDir, "webapp-start"))],
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["/usr/local/bin/start"] },
    history: ["ADD busybox in /", "COPY index.html /www/", "COPY start /usr/local/bin/"],
    created: CREATED,
  }),
  registry.writeImage({
    repository: "library/debian",
    tags: ["bookworm", "12", "latest"],
    layers: [registry.layerFromTar(debianTar)],
    config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["bash"] },
    history: ["ADD Debian bookworm minbase (i386, mmdebstrap) in /"],
    created: CREATED,
  }),
];

writeFileSync(outJson, JSON.stringify(images.map((i) => ({ ...i, repository: i.repository.replace(/^library\//, "") })), null, 2));
for (const i of images) {
  const mb = i.layers.reduce((n, l) => n + l.size, 0) / 1e6;
  console.log(`${i.repository}:${i.tags.join(",")} ${i.imageId.slice(7, 19)} ${i.layers.length} layer(s) ${mb.toFixed(1)} MB`);
}
