// Builds the guest artifacts, each step cached under a hash of its inputs, so an unchanged
// rebuild takes seconds and CI reuses what an earlier run built on the same machine.
//   rootfs       Debian i386 root file system (mmdebstrap)             ~2 min
//   minbase      the debian image's root file system as a tar            ~1 min
//   image roots  minbase plus each images/packages/*.txt, as tars         ~4 min
//   extra debs   the packages extra-debs.txt pins (downloaded, checked)   ~5 s
//   disk         overlay, registry images, kernel, initrd, ext4 image    ~30 s
//   provision    first boot in v86: Docker initialises its stores        ~2 min
//   snapshot     boot again, save the state with Docker running          ~3 min
// Then publishes: .cache/guest (everything, for Node) and public/guest (what the site serves; the
// saved machine there cut into parts of at most 16 MiB).
// Usage: node emulator/guest/build.mjs [--force]

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync,
  renameSync, rmSync, statfsSync, statSync, symlinkSync, writeFileSync, copyFileSync, lstatSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const require = createRequire(import.meta.url);
const cacheRoot = process.env.DBL_CACHE_DIR ?? "/var/cache/docker-browser-lab";
const force = process.argv.includes("--force");
const SEABIOS = { "bios.bin": "/usr/share/seabios/bios.bin", "vgabios.bin": "/usr/share/seabios/vgabios-stdvga.bin" };
const v86Version = require("v86/package.json").version;

function fail(message) {
  console.error(`guest build: ${message}`);
  process.exit(1);
}

function preflight() {
  const missing = [];
  if (process.getuid?.() !== 0) missing.push("root (mmdebstrap, chroot and mke2fs -d need it): run as root");
  const tools = { mmdebstrap: "mmdebstrap", mke2fs: "e2fsprogs", zstd: "zstd", cpio: "cpio", gcc: "gcc", curl: "curl", chroot: "coreutils" };
  for (const [tool, pkg] of Object.entries(tools)) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) missing.push(`${tool} (apt-get install ${pkg})`);
  }
  for (const [name, path] of Object.entries(SEABIOS)) if (!existsSync(path)) missing.push(`${path} for ${name} (apt-get install seabios)`);
  if (missing.length === 0) {
    // The chroot steps run i386 binaries natively: the kernel needs IA32 emulation.
    mkdirSync(cacheRoot, { recursive: true });
    const probe = join(cacheRoot, "ia32-probe");
    const cc = spawnSync("gcc", ["-m32", "-static", "-nostdlib", "-ffreestanding", "-fno-pie", "-no-pie", "-o", probe, join(here, "images/hello.c")]);
    if (cc.status !== 0 || spawnSync(probe).status !== 0) missing.push("a kernel that runs i386 binaries (natively, or through qemu-user-static: bash scripts/i386-exec.sh sets that up)");
    rmSync(probe, { force: true });
    const free = statfsSync(cacheRoot).bavail * statfsSync(cacheRoot).bsize;
    if (free < 8e9) missing.push(`8 GB free disk space in ${cacheRoot} (${(free / 1e9).toFixed(1)} GB free; set DBL_CACHE_DIR to use another place)`);
  }
  if (missing.length) fail(`this machine cannot build the guest. Missing:\n  - ${missing.join("\n  - ")}`);
}

/** Hash of files (by path relative to the repo and content) and extra strings. */
function inputHash(paths, ...extra) {
  const hash = createHash("sha256");
  const files = [];
  // A test beside a build script is not an input of what it builds.
  const walk = (p) => (statSync(p).isDirectory() ? readdirSync(p).sort().forEach((n) => walk(join(p, n))) : p.endsWith(".test.ts") || files.push(p));
  paths.forEach((p) => walk(p));
  for (const file of files) hash.update(relative(repo, file)).update("\0").update(readFileSync(file)).update("\0");
  for (const e of extra) hash.update(String(e)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

function sh(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${result.status})`);
}

/** Runs `make(tmp)` unless `out` exists; the result appears under `out` only when complete. */
function cached(name, out, make) {
  if (existsSync(out) && !force) {
    console.log(`guest build: ${name}: cached (${relative(cacheRoot, out)})`);
    return out;
  }
  const started = Date.now();
  console.log(`guest build: ${name}: building ${relative(cacheRoot, out)}`);
  const tmp = `${out}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  make(tmp);
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  console.log(`guest build: ${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out;
}

function copyTree(from, to) {
  sh("cp", ["-a", "--reflink=auto", from, to]);
}

const ZERO_PART = "zero.img.zst";

/** The disk as fixed-size zstd parts for v86's `use_parts` (any static host, no Range requests). */
function splitDisk(diskPath, chunkSize, outDir) {
  mkdirSync(outDir, { recursive: true });
  const fd = openSync(diskPath, "r");
  const size = statSync(diskPath).size;
  const chunk = Buffer.alloc(chunkSize);
  const zero = Buffer.alloc(chunkSize);
  const zeroPart = join(outDir, ".." , ZERO_PART);
  execFileSync("sh", ["-c", `head -c ${chunkSize} /dev/zero | zstd -q -19 > '${zeroPart}'`]);
  const toCompress = [];
  for (let start = 0; start < size; start += chunkSize) {
    readSync(fd, chunk, 0, chunkSize, start);
    const name = join(outDir, `disk-${start}-${start + chunkSize}.img`);
    if (chunk.equals(zero)) linkSync(zeroPart, name + ".zst");
    else {
      writeFileSync(name, chunk);
      toCompress.push(name);
    }
  }
  closeSync(fd);
  for (let i = 0; i < toCompress.length; i += 500) {
    execFileSync("zstd", ["-q", "-12", "-T0", "--rm", ...toCompress.slice(i, i + 500)]);
  }
  return { parts: Math.ceil(size / chunkSize), nonZero: toCompress.length };
}

/**
 * The largest file the site serves is below the per-file limit of common static hosts (Cloudflare
 * Pages: 25 MiB; scripts/check-file-sizes.mjs fails the build above 20 MiB).
 */
const STATE_PART_BYTES = 16 * 2 ** 20;

/**
 * Publishes the saved machine as consecutive byte ranges of its zstd stream, `state/state-<n>.bin.zst`
 * (not zstd files on their own: joined in order they are the state file, which the worker restores
 * as one). Returns the manifest's `state`: the whole's size and hashes, and each part's.
 */
function splitState(statePath, filesDir, whole) {
  const data = readFileSync(statePath);
  if (data.length !== whole.size) fail(`${statePath} is ${data.length} bytes, its manifest says ${whole.size}`);
  mkdirSync(join(filesDir, "state"));
  const parts = [];
  for (let start = 0, n = 0; start < data.length; start += STATE_PART_BYTES, n++) {
    const bytes = data.subarray(start, start + STATE_PART_BYTES);
    const file = `state/state-${n}.bin.zst`;
    writeFileSync(join(filesDir, file), bytes);
    parts.push({ file, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  const { file: _file, ...rest } = whole;
  return { ...rest, parts };
}

function publish(guestDir, { hotParts, startupParts }) {
  const cacheLink = join(repo, ".cache/guest");
  mkdirSync(dirname(cacheLink), { recursive: true });
  if (existsSync(cacheLink) || lstatSafe(cacheLink)) rmSync(cacheLink, { force: true });
  symlinkSync(guestDir, cacheLink);

  const manifest = JSON.parse(readFileSync(join(guestDir, "manifest.json"), "utf8"));
  const version = manifest.optionsHash.slice(0, 12) + "-" + manifest.state.sha256.slice(0, 8);
  const site = join(repo, "public/guest");
  rmSync(site, { recursive: true, force: true });
  const files = join(site, version);
  mkdirSync(files, { recursive: true });
  const link = (from, to) => {
    try { linkSync(from, to); } catch { copyFileSync(from, to); }
  };
  for (const name of ["bios.bin", "vgabios.bin", "bzImage", "initrd.img", "packages.json", "images.json"]) {
    link(join(guestDir, name), join(files, name));
  }
  link(join(dirname(require.resolve("v86")), "v86.wasm"), join(files, "v86.wasm"));
  link(hotParts, join(files, "hot-parts.json"));
  link(startupParts, join(files, "startup-parts.json"));
  // The guest's welcome text, which the site shows after a resume without a round trip to the guest.
  writeFileSync(join(files, "welcome.txt"), execFileSync("debugfs", ["-R", "cat /etc/motd", join(guestDir, "disk.img")], { stdio: ["ignore", "pipe", "ignore"] }));
  mkdirSync(join(files, "disk"));
  for (const name of readdirSync(join(guestDir, "disk"))) link(join(guestDir, "disk", name), join(files, "disk", name));
  const state = splitState(join(guestDir, manifest.state.file), files, manifest.state);
  // The site reads this small file first (never cached long); everything it names is immutable.
  writeFileSync(join(site, "manifest.json"), JSON.stringify({ ...manifest, state, base: `${version}/` }, null, 2) + "\n");
  writeFileSync(join(site, "packages.json"), readFileSync(join(guestDir, "packages.json")));
  console.log(`guest build: published ${relative(repo, files)} and ${relative(repo, cacheLink)}`);
}

function lstatSafe(p) {
  try { return lstatSync(p); } catch { return null; }
}

/**
 * The images' roots are merged-/usr the way Debian's own images are: mmdebstrap's hook makes the
 * links and installs usr-is-merged. Without it bookworm installs usrmerge, which pulls in perl:
 * 43 MB of the debian layer (122 MB unpacked, 79 without) every nginx, redis and python pull unpacks.
 */
const IMAGE_ROOT_OPTIONS = ["--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr"];

function main() {
  const rootfsInputs = [join(here, "packages.txt"), join(here, "scripts/mkrootfs.sh")];
  const rootfsKey = inputHash(rootfsInputs, "rootfs");
  const minbaseKey = inputHash([join(here, "scripts/mkrootfs.sh")], "minbase", ...IMAGE_ROOT_OPTIONS);
  const imageRootsKey = inputHash([join(here, "images/packages"), join(here, "scripts/mkrootfs.sh")], "image roots", ...IMAGE_ROOT_OPTIONS);
  const extraDebsKey = inputHash([join(here, "extra-debs.txt")], "extra debs");
  const diskKey = inputHash(
    [join(here, "overlay"), join(here, "initrd"), join(here, "images"), join(here, "scripts")],
    rootfsKey, minbaseKey, imageRootsKey, extraDebsKey, ...Object.values(SEABIOS).map((p) => existsSync(p) ? readFileSync(p).toString("base64") : p),
  );
  // What decides the saved state: the boot steps and the emulator options (not the host-side
  // machine code nor the manifest's schema, which the tests cover, so changing them does not force
  // a rebuild).
  const bootInputs = [join(here, "boot.ts"), join(here, "first-commands.ts"), join(repo, "emulator/src/v86-options.ts")];
  const guestKey = inputHash(bootInputs, diskKey, v86Version, process.env.DBL_GUEST_MEMORY_MB ?? "", process.env.DBL_WARM ?? "");
  const guestDir = join(cacheRoot, `guest-${guestKey}`);
  if (process.argv.includes("--keys")) {
    console.log(JSON.stringify({ rootfsKey, minbaseKey, imageRootsKey, extraDebsKey, diskKey, guestKey }));
    return;
  }

  if (existsSync(join(guestDir, "manifest.json")) && !force) {
    console.log(`guest build: up to date (${guestDir})`);
  } else {
    preflight();
    buildGuest(guestDir, { rootfsKey, minbaseKey, imageRootsKey, extraDebsKey, diskKey });
  }
  publish(guestDir, recordHotParts(guestDir, guestKey));
}

/** The disk parts a session of lessons reads after resume, recorded by running every solution. */
function recordHotParts(guestDir, guestKey) {
  const content = join(repo, "content");
  const exercises = existsSync(content) ? readdirSync(content).filter((d) => existsSync(join(content, d, "exercises"))).map((d) => join(content, d, "exercises")) : [];
  const pageScripts = ["app/_components/lesson/image-graph-data.ts", "app/_components/lesson/container-graph-data.ts", "app/_lib/preview/ports.ts"].map(
    (file) => join(repo, file),
  );
  const key = inputHash([join(here, "record-hot-parts.ts"), ...pageScripts, ...exercises], guestKey);
  const out = join(cacheRoot, `hot-parts-${key}`);
  cached("hot parts", out, (tmp) => sh(join(repo, "node_modules/.bin/tsx"), [join(here, "record-hot-parts.ts"), guestDir, content, tmp]));
  const recorded = join(out, "recorded.json");
  // Then every part of the programs they ran (expand-hot-parts.mjs says why).
  const expander = join(here, "expand-hot-parts.mjs");
  const wide = join(cacheRoot, `hot-parts-wide-${inputHash([expander, recorded], guestKey)}.json`);
  const { chunkSize } = JSON.parse(readFileSync(join(guestDir, "manifest.json"), "utf8")).disk;
  cached("hot parts, widened", wide, (tmp) => sh(process.execPath, [expander, join(guestDir, "disk.img"), String(chunkSize), recorded, tmp]));
  return { hotParts: wide, startupParts: join(out, "startup.json") };
}

/** Downloads each `URL SHA256` line of extra-debs.txt into DIR, refusing a file whose hash differs. */
function downloadExtraDebs(dir) {
  mkdirSync(dir);
  const lines = readFileSync(join(here, "extra-debs.txt"), "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
  for (const line of lines) {
    const [url, sha256] = line.split(/\s+/);
    const file = join(dir, url.split("/").pop());
    sh("curl", ["-fsSL", "--retry", "3", "-o", file, url]);
    const got = createHash("sha256").update(readFileSync(file)).digest("hex");
    if (got !== sha256) fail(`${url} has sha256 ${got}, extra-debs.txt pins ${sha256}`);
  }
}

function buildGuest(guestDir, { rootfsKey, minbaseKey, imageRootsKey, extraDebsKey, diskKey }) {
  const env = { SOURCE_DATE_EPOCH: "1793491200" };
  const rootfs = cached("rootfs", join(cacheRoot, `rootfs-${rootfsKey}`), (tmp) =>
    sh("bash", [join(here, "scripts/mkrootfs.sh"), join(here, "packages.txt"), tmp], env));
  const minbase = cached("minbase", join(cacheRoot, `debian-minbase-${minbaseKey}.tar`), (tmp) => {
    // mmdebstrap picks its output format from the file name, so write "<tmp>.tar" first.
    sh("bash", [join(here, "scripts/mkrootfs.sh"), "/dev/null", `${tmp}.tar`, ...IMAGE_ROOT_OPTIONS], env);
    renameSync(`${tmp}.tar`, tmp);
  });
  // The nginx, redis and python images' root file systems (build-images.mjs makes each a layer
  // over the debian image's).
  const imageRoots = cached("image roots", join(cacheRoot, `image-roots-${imageRootsKey}`), (tmp) => {
    mkdirSync(tmp);
    for (const list of readdirSync(join(here, "images/packages")).filter((n) => n.endsWith(".txt"))) {
      sh("bash", [join(here, "scripts/mkrootfs.sh"), join(here, "images/packages", list), join(tmp, list.replace(/\.txt$/, ".tar")), ...IMAGE_ROOT_OPTIONS], env);
    }
  });
  const extraDebs = cached("extra debs", join(cacheRoot, `extra-debs-${extraDebsKey}`), downloadExtraDebs);
  const disk = cached("disk", join(cacheRoot, `disk-${diskKey}`), (tmp) => {
    sh("bash", [join(here, "scripts/mkdisk.sh"), rootfs, minbase, imageRoots, extraDebs, tmp], env);
    for (const [name, path] of Object.entries(SEABIOS)) copyFileSync(path, join(tmp, name));
  });
  const tsx = join(repo, "node_modules/.bin/tsx");
  cached("guest", guestDir, (tmp) => {
    copyTree(disk, tmp);
    sh(tsx, [join(here, "boot.ts"), "provision", tmp]);
    sh(tsx, [join(here, "boot.ts"), "snapshot", tmp]);
    const manifest = JSON.parse(readFileSync(join(tmp, "manifest.json"), "utf8"));
    const split = splitDisk(join(tmp, "disk.img"), manifest.disk.chunkSize, join(tmp, "disk"));
    console.log(`guest build: disk split into ${split.parts} parts (${split.nonZero} not empty)`);
  });
}

main();
