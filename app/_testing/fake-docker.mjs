#!/usr/bin/env node
// A stand-in for the docker CLI, for unit-testing exercise checks and solutions without the guest.
// It models only what the lessons use: the lab registry's images (busybox, webapp, hello-world),
// pulled through the mirror (`busybox`) or by the registry's address (`localhost:5000/library/…`);
// pull/tag/rmi/push with image IDs, repo digests and the time an image was last tagged; `run` of a
// few known commands; inspect/images/ps with a small Go-template subset; and diff. `api PATH`
// answers the Engine API's GETs that the check helpers make (curl on /var/run/docker.sock), with
// JSON shaped like dockerd's.
//
// State lives in $FAKE_DOCKER_STATE (a JSON file). The registry lives on disk under
// $FAKE_REGISTRY_ROOT in the layout of the real one (repositories/…/link, blobs/sha256/…/data),
// where the checks read it.
//
// It is a model, not Docker: the real guest test (content:check --guest) has the last word.

import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const STATE = process.env.FAKE_DOCKER_STATE;
const REGISTRY_ROOT = process.env.FAKE_REGISTRY_ROOT;
if (!STATE || !REGISTRY_ROOT) {
  process.stderr.write("fake docker: set FAKE_DOCKER_STATE and FAKE_REGISTRY_ROOT\n");
  process.exit(125);
}
const V2 = path.join(REGISTRY_ROOT, "docker/registry/v2");
const REGISTRY = "localhost:5000";
// Go's time.Time as `docker image inspect --format` prints it: with spaces.
const goTime = (date) => date.toISOString().replace("T", " ").replace(/\.(\d+)Z$/, ".$1000000 +0000 UTC");
const NEVER = "0001-01-01 00:00:00 +0000 UTC";

const fakeSha = (c) => "sha256:" + c.repeat(64).slice(0, 64);
const realSha = (text) => "sha256:" + createHash("sha256").update(text).digest("hex");

/** The registry's preloaded images: repository -> tags, and each image's ID, layers and command. */
const CATALOG = [
  { repository: "library/busybox", tags: ["latest", "1.35", "1.35.0"], id: fakeSha("b0"), layers: [fakeSha("1a")], cmd: ["sh"], size: "2.07MB" },
  { repository: "library/webapp", tags: ["latest"], id: fakeSha("a0"), layers: [fakeSha("1a"), fakeSha("2b"), fakeSha("3c")], cmd: ["/usr/local/bin/start"], size: "2.07MB" },
  { repository: "library/hello-world", tags: ["latest"], id: fakeSha("c0"), layers: [fakeSha("4d")], cmd: ["/hello"], size: "9.28kB" },
];

// ---- the registry on disk ----------------------------------------------------------------------

function blobPath(digest) {
  const hex = digest.slice("sha256:".length);
  return path.join(V2, "blobs/sha256", hex.slice(0, 2), hex, "data");
}
function writeBlob(digest, text) {
  fs.mkdirSync(path.dirname(blobPath(digest)), { recursive: true });
  fs.writeFileSync(blobPath(digest), text);
}
const tagLink = (repository, tag) => path.join(V2, "repositories", repository, "_manifests/tags", tag, "current/link");

/** Writes an image's config and manifest and points repository:tag at the manifest; returns its digest. */
function storeInRegistry(repository, tag, image) {
  writeBlob(image.id, JSON.stringify({ architecture: "386", os: "linux", config: { Cmd: image.cmd }, rootfs: { type: "layers", diff_ids: image.layers } }));
  const manifest = JSON.stringify(
    { schemaVersion: 2, config: { mediaType: "application/vnd.docker.container.image.v1+json", size: 600, digest: image.id }, layers: image.layers.map((digest) => ({ digest })) },
    null,
    3,
  );
  const digest = realSha(manifest);
  writeBlob(digest, manifest);
  fs.mkdirSync(path.dirname(tagLink(repository, tag)), { recursive: true });
  fs.writeFileSync(tagLink(repository, tag), digest);
  return digest;
}

/** The image the registry serves for repository:tag, with its manifest digest; null if unknown. */
function fromRegistry(repository, tag) {
  let digest;
  try {
    digest = fs.readFileSync(tagLink(repository, tag), "utf8").trim();
  } catch {
    return null;
  }
  const manifest = JSON.parse(fs.readFileSync(blobPath(digest), "utf8"));
  const config = JSON.parse(fs.readFileSync(blobPath(manifest.config.digest), "utf8"));
  return { digest, id: manifest.config.digest, layers: config.rootfs.diff_ids, cmd: config.config.Cmd };
}

// ---- the engine's state --------------------------------------------------------------------------

function load() {
  try {
    return JSON.parse(fs.readFileSync(STATE, "utf8"));
  } catch {
    // A fresh machine: the registry holds its images, the engine none.
    for (const image of CATALOG) for (const tag of image.tags) storeInRegistry(image.repository, tag, image);
    return { images: {}, tags: {}, digests: {}, containers: {}, seq: 0 };
  }
}
const state = load();
const save = () => fs.writeFileSync(STATE, JSON.stringify(state));
const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);

/** "busybox" -> { repo: "busybox", tag: "latest" }; "docker.io/library/x" -> "x"; a digest reference keeps its digest. */
function parseRef(ref) {
  const at = ref.indexOf("@");
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  let repo = named.replace(/^docker\.io\/(library\/)?/, "");
  let tag = null;
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) {
    tag = repo.slice(colon + 1);
    repo = repo.slice(0, colon);
  }
  return { repo, tag: tag ?? (digest ? null : "latest"), digest };
}
const tagName = ({ repo, tag }) => `${repo}:${tag}`;

/** Where a local repository name is pulled from: [registry repository]. */
function registryRepository(repo) {
  if (repo.startsWith(`${REGISTRY}/`)) return repo.slice(REGISTRY.length + 1);
  return repo.includes("/") ? repo : `library/${repo}`;
}

function resolveImage(ref) {
  const r = parseRef(ref);
  if (r.digest && state.digests[`${r.repo}@${r.digest}`]) return state.digests[`${r.repo}@${r.digest}`];
  if (!r.digest && state.tags[tagName(r)]) return state.tags[tagName(r)];
  const prefix = ref.replace(/^sha256:/, "");
  if (prefix.length >= 4 && /^[0-9a-f]+$/.test(prefix)) return Object.keys(state.images).find((id) => id.slice(7).startsWith(prefix)) ?? null;
  return null;
}

function pull(ref, quiet = false) {
  const r = parseRef(ref);
  const found = fromRegistry(registryRepository(r.repo), r.tag ?? "latest");
  if (!found || (r.digest && r.digest !== found.digest)) {
    err(`Error response from daemon: manifest for ${ref} not found: manifest unknown: manifest unknown\n`);
    return false;
  }
  if (!quiet) out(`${r.tag ?? r.digest}: Pulling from ${registryRepository(r.repo)}\nDigest: ${found.digest}\nStatus: Downloaded newer image for ${r.tag ? tagName(r) : ref}\n`);
  // An image that arrives by a pull has never been tagged on this machine.
  state.images[found.id] ??= { layers: found.layers, cmd: found.cmd, size: CATALOG.find((c) => c.id === found.id)?.size ?? "2.07MB", lastTagTime: NEVER };
  if (r.tag) state.tags[tagName(r)] = found.id;
  state.digests[`${r.repo}@${found.digest}`] = found.id;
  return true;
}

/** Removes one tag; the repository's digests go with its last tag, the image with its last name. */
function untag(ref) {
  const r = parseRef(ref);
  const id = state.tags[tagName(r)];
  if (!id) return null;
  delete state.tags[tagName(r)];
  const lines = [`Untagged: ${tagName(r)}`];
  const sameRepo = Object.keys(state.tags).some((t) => state.tags[t] === id && parseRef(t).repo === r.repo);
  if (!sameRepo) {
    for (const d of Object.keys(state.digests)) {
      if (state.digests[d] === id && d.startsWith(`${r.repo}@`)) {
        delete state.digests[d];
        lines.push(`Untagged: ${d}`);
      }
    }
  }
  const named = Object.values(state.tags).includes(id) || Object.values(state.digests).includes(id);
  const used = Object.values(state.containers).some((c) => c.imageId === id);
  if (!named && !used) {
    delete state.images[id];
    lines.push(`Deleted: ${id}`);
  }
  return lines;
}

// ---- a small Go-template subset: {{.A.B}} {{join .X "s"}} {{len .X}} {{index .X n}} {{println [.]}} {{range .X}}…{{end}}

function tokenize(tpl) {
  const parts = [];
  const re = /\{\{\s*(.*?)\s*\}\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(tpl))) {
    if (m.index > last) parts.push({ text: tpl.slice(last, m.index) });
    parts.push({ action: m[1] });
    last = re.lastIndex;
  }
  if (last < tpl.length) parts.push({ text: tpl.slice(last) });
  return parts;
}
function field(dot, expr) {
  if (expr === ".") return dot;
  return expr.slice(1).split(".").reduce((v, k) => (v == null ? undefined : v[k]), dot);
}
function evalAction(a, dot) {
  let m;
  if ((m = /^join (\S+) "(.*)"$/.exec(a))) return (field(dot, m[1]) ?? []).join(m[2]);
  if ((m = /^len (\S+)$/.exec(a))) return String((field(dot, m[1]) ?? []).length);
  if ((m = /^index (\S+) (\d+)$/.exec(a))) {
    const list = field(dot, m[1]) ?? [];
    if (Number(m[2]) >= list.length) throw new Error(`template: index out of range: ${m[2]}`);
    return String(list[Number(m[2])]);
  }
  if (a === "println") return "\n";
  if ((m = /^println (\S+)$/.exec(a))) return String(field(dot, m[1]) ?? "") + "\n";
  if (a.startsWith(".")) {
    const v = field(dot, a);
    return Array.isArray(v) ? `[${v.join(" ")}]` : v === undefined || v === null ? "<no value>" : String(v);
  }
  throw new Error(`fake docker: unsupported template action {{${a}}}`);
}
function render(tpl, dot) {
  const parts = tokenize(tpl.replace(/\\t/g, "\t"));
  const run = (i, d, stopAtEnd) => {
    let s = "";
    while (i < parts.length) {
      const p = parts[i];
      if (p.text !== undefined) {
        s += p.text;
        i++;
        continue;
      }
      if (p.action === "end") {
        if (stopAtEnd) return [s, i + 1];
        throw new Error("unexpected end");
      }
      const r = /^range (\S+)$/.exec(p.action);
      if (r) {
        const list = field(d, r[1]) ?? [];
        let next = i + 1;
        if (list.length === 0) next = run(i + 1, {}, true)[1];
        for (const item of list) {
          const [body, after] = run(i + 1, item, true);
          s += body;
          next = after;
        }
        i = next;
        continue;
      }
      s += evalAction(p.action, d);
      i++;
    }
    return [s, i];
  };
  return run(0, dot, false)[0];
}

// ---- views of the state, shaped like docker's template data

function imageView(id) {
  const img = state.images[id];
  const names = (map) => Object.keys(map).filter((k) => map[k] === id).sort();
  return {
    Id: id,
    RepoTags: names(state.tags),
    RepoDigests: names(state.digests),
    RootFS: { Type: "layers", Layers: img.layers },
    Config: { Cmd: img.cmd, Entrypoint: null, WorkingDir: "" },
    Metadata: { LastTagTime: img.lastTagTime },
    Size: 2066835,
  };
}
function imageRows(noTrunc) {
  return Object.entries(state.tags)
    .sort()
    .map(([ref, id]) => {
      const { repo, tag } = parseRef(ref);
      // A row's digest is the one its repository recorded for the image, by a pull or a push.
      const digest = Object.keys(state.digests).find((d) => state.digests[d] === id && d.startsWith(`${repo}@`));
      return {
        Repository: repo,
        Tag: tag,
        Digest: digest ? digest.slice(repo.length + 1) : "<none>",
        ID: noTrunc ? id : id.slice(7, 19),
        Size: state.images[id].size,
        CreatedSince: "5 weeks ago",
      };
    });
}

// ---- the Engine API's GETs, as dockerd answers them (JSON; times in RFC 3339)

const apiTime = (goTimeText) => (goTimeText === NEVER ? "0001-01-01T00:00:00Z" : goTimeText.replace(" ", "T").replace(/ \+0000 UTC$/, "Z"));

/** The container's writable layer as overlay2 keeps it: a directory with the files it added. */
function upperDir(name) {
  const dir = path.join(path.dirname(STATE), "overlay2", realSha(name).slice(7, 19), "diff");
  fs.mkdirSync(dir, { recursive: true });
  for (const line of state.containers[name].diff) {
    const file = path.join(dir, line.slice(2));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
  }
  return dir;
}

function containerApiView(name) {
  const c = state.containers[name];
  return {
    GraphDriver: { Name: "overlay2", Data: { UpperDir: upperDir(name) } },
    Id: realSha(name).slice(7),
    Name: `/${name}`,
    Image: c.imageId,
    Config: { Image: c.image, Entrypoint: c.entrypoint, Cmd: c.cmd, Hostname: c.hostname, WorkingDir: c.workdir },
    State: { Status: c.status, ExitCode: c.exitCode, StartedAt: "2026-01-01T00:00:00Z", FinishedAt: "2026-01-01T00:00:01Z" },
    Mounts: [],
  };
}

/** [HTTP status, body] for GET `target` (a path with an optional query). */
function engineApi(target) {
  const url = new URL(target, "http://docker");
  let m;
  if (url.pathname === "/version") return [200, { Os: "linux", Arch: "386", Version: "20.10.24+dfsg1" }];
  if (url.pathname === "/images/json") {
    return [200, Object.keys(state.images).map((id) => {
      const view = imageView(id);
      return { Id: id, RepoTags: view.RepoTags.length ? view.RepoTags : ["<none>:<none>"], RepoDigests: view.RepoDigests };
    })];
  }
  if (url.pathname === "/containers/json") {
    return [200, Object.keys(state.containers).map((name) => ({ Names: [`/${name}`], Image: state.containers[name].image, Mounts: [] }))];
  }
  if ((m = /^\/images\/(.+)\/json$/.exec(url.pathname))) {
    const id = resolveImage(decodeURIComponent(m[1]));
    if (!id) return [404, { message: `No such image: ${m[1]}` }];
    const view = imageView(id);
    return [200, { ...view, Metadata: { LastTagTime: apiTime(view.Metadata.LastTagTime) } }];
  }
  if ((m = /^\/containers\/([^/]+)\/json$/.exec(url.pathname))) {
    const name = decodeURIComponent(m[1]);
    if (!state.containers[name]) return [404, { message: `No such container: ${name}` }];
    return [200, containerApiView(name)];
  }
  if ((m = /^\/(volumes|networks)\/([^/]+)$/.exec(url.pathname))) return [404, { message: `no such ${m[1].slice(0, -1)}: ${m[2]}` }];
  throw new Error(`fake docker: the API model has no GET ${url.pathname}`);
}

// ---- commands

function parseFlags(args, withValue) {
  const flags = {};
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (rest.length === 0 && a.startsWith("-")) {
      const [k, v] = a.split("=", 2);
      if (v !== undefined) flags[k] = v;
      else if (withValue.includes(k)) flags[k] = args[++i];
      else flags[k] = true;
    } else rest.push(a);
  }
  return { flags, rest };
}

/** Runs a container's command in the model: [exit code, output]. */
function simulate(words, c) {
  const [program, ...args] = words;
  const resolve = (p) => (p.startsWith("/") ? p : `${(c.workdir || "/").replace(/\/$/, "")}/${p.replace(/^\.\//, "")}`);
  switch (program.replace(/^.*\//, "")) {
    case "hello":
      return [0, "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n"];
    case "uname":
      return [0, (args.includes("-r") ? os.release() : "Linux") + "\n"];
    case "hostname":
      return [0, c.hostname + "\n"];
    case "ps":
      return [0, "PID   USER     TIME  COMMAND\n    1 root      0:00 ps\n"];
    case "echo":
      return [0, args.join(" ") + "\n"];
    case "true":
      return [0, ""];
    case "false":
      return [1, ""];
    case "sh": {
      if (args[0] !== "-c") return [0, ""];
      const m = /(?:>|touch)\s*([^\s;'"]+)/.exec(args[1] ?? "");
      if (m) c.diff.push(`A ${resolve(m[1])}`);
      if (m) return [0, ""];
      return simulate(String(args[1] ?? "").split(/\s+/).filter(Boolean), c);
    }
    case "cat":
    case "ls": {
      const file = args.find((a) => !a.startsWith("-"));
      if (!file) return [0, ""];
      if (c.diff.includes(`A ${resolve(file)}`)) return [0, ""];
      return [1, program.endsWith("cat") ? `cat: can't open '${file}': No such file or directory\n` : `ls: ${file}: No such file or directory\n`];
    }
    default:
      return [127, `fake docker: cannot simulate "${words.join(" ")}"\n`];
  }
}

function main(argv) {
  const [command, ...args] = argv;
  switch (command) {
    case "api": {
      // On an error answer, nothing and exit 22, as `curl -f` does.
      const [status, body] = engineApi(args[0]);
      if (status >= 400) return 22;
      out(JSON.stringify(body) + "\n");
      return 0;
    }
    case "version": {
      const { flags } = parseFlags(args, ["--format", "-f"]);
      const data = { Server: { Os: "linux", Arch: "386", Version: "20.10.24+dfsg1" }, Client: { Os: "linux", Arch: "386" } };
      out((flags["--format"] ?? flags["-f"]) ? render(flags["--format"] ?? flags["-f"], data) + "\n" : "Server: linux/386\n");
      return 0;
    }
    case "pull":
      return pull(args[args.length - 1]) ? 0 : 1;
    case "tag": {
      const id = resolveImage(args[0]);
      if (!id) {
        err(`Error response from daemon: No such image: ${args[0]}\n`);
        return 1;
      }
      state.tags[tagName(parseRef(args[1]))] = id;
      state.images[id].lastTagTime = goTime(new Date());
      return 0;
    }
    case "rmi": {
      let code = 0;
      for (const ref of args.filter((a) => !a.startsWith("-"))) {
        const lines = untag(ref);
        if (!lines) {
          err(`Error: No such image: ${ref}\n`);
          code = 1;
        } else out(lines.join("\n") + "\n");
      }
      return code;
    }
    case "push": {
      const r = parseRef(args[0]);
      const id = state.tags[tagName(r)];
      if (!id || !r.repo.startsWith(`${REGISTRY}/`)) {
        err(`fake docker: can only push existing ${REGISTRY}/ names (${args[0]})\n`);
        return 1;
      }
      const digest = storeInRegistry(registryRepository(r.repo), r.tag, { id, ...state.images[id] });
      state.digests[`${r.repo}@${digest}`] = id;
      out(`The push refers to repository [${r.repo}]\n${r.tag}: digest: ${digest} size: 527\n`);
      return 0;
    }
    case "run": {
      const { flags, rest } = parseFlags(args, ["--name", "--hostname", "-h", "--entrypoint", "-w", "--workdir"]);
      const [imageRef, ...cmd] = rest;
      if (!resolveImage(imageRef)) {
        err(`Unable to find image '${imageRef}' locally\n`);
        if (!pull(imageRef)) return 125;
      }
      const name = flags["--name"] ?? `c${++state.seq}`;
      if (state.containers[name]) {
        err(`docker: Error response from daemon: Conflict. The container name "/${name}" is already in use.\n`);
        return 125;
      }
      const imageId = resolveImage(imageRef);
      const entrypoint = flags["--entrypoint"] ? [flags["--entrypoint"]] : null;
      const c = {
        image: imageRef,
        imageId,
        entrypoint,
        cmd: cmd.length || entrypoint ? cmd : state.images[imageId].cmd,
        workdir: flags["-w"] ?? flags["--workdir"] ?? "",
        hostname: flags["--hostname"] ?? flags["-h"] ?? "f3b1c2d9e8a7",
        diff: [],
      };
      const [code, output] = simulate([...(c.entrypoint ?? []), ...c.cmd], c);
      (code === 0 ? out : err)(output);
      c.exitCode = code;
      c.status = "exited";
      if (!flags["--rm"]) state.containers[name] = c;
      return code;
    }
    case "diff": {
      const c = state.containers[args[0]];
      if (!c) {
        err(`Error: No such container: ${args[0]}\n`);
        return 1;
      }
      if (c.diff.length) out(c.diff.join("\n") + "\n");
      return 0;
    }
    case "inspect":
    case "container":
    case "image": {
      let sub = args;
      let kind = command === "image" ? "image" : command === "container" ? "container" : null;
      if (command !== "inspect") {
        if (sub[0] !== "inspect") throw new Error(`fake docker: unsupported ${command} ${sub[0]}`);
        sub = sub.slice(1);
      }
      const { flags, rest } = parseFlags(sub, ["--format", "-f", "--type"]);
      kind = flags["--type"] ?? kind;
      const tpl = flags["--format"] ?? flags["-f"];
      let code = 0;
      for (const name of rest) {
        let data = null;
        if (kind !== "image" && state.containers[name]) {
          const c = state.containers[name];
          data = {
            Config: { Image: c.image, Entrypoint: c.entrypoint, Cmd: c.cmd, Hostname: c.hostname, WorkingDir: c.workdir },
            State: { Status: c.status, ExitCode: c.exitCode },
            Image: c.imageId,
            Name: `/${name}`,
          };
        } else if (kind !== "container") {
          const id = resolveImage(name);
          if (id) data = imageView(id);
        }
        if (!data) {
          err(`Error: No such ${kind ?? "object"}: ${name}\n`);
          code = 1;
          continue;
        }
        out((tpl ? render(tpl, data) : JSON.stringify(data)) + "\n");
      }
      return code;
    }
    case "images": {
      const { flags, rest } = parseFlags(args, ["--format", "-f"]);
      let rows = imageRows(!!flags["--no-trunc"]);
      if (rest[0]) {
        const r = parseRef(rest[0].includes(":") ? rest[0] : `${rest[0]}:*`);
        rows = rows.filter((row) => row.Repository === r.repo && (r.tag === "*" || row.Tag === r.tag));
      }
      const tpl = flags["--format"] ?? flags["-f"];
      if (flags["-q"]) for (const r of rows) out(r.ID + "\n");
      else if (tpl) for (const r of rows) out(render(tpl, r) + "\n");
      else {
        out("REPOSITORY   TAG   IMAGE ID   CREATED   SIZE\n");
        for (const r of rows) out(`${r.Repository}   ${r.Tag}   ${r.ID}   ${r.CreatedSince}   ${r.Size}\n`);
      }
      return 0;
    }
    case "ps": {
      const { flags } = parseFlags(args, ["--format", "-f"]);
      const tpl = flags["--format"] ?? "{{.Names}} {{.Image}} {{.Status}}";
      for (const [name, c] of Object.entries(state.containers)) {
        out(render(tpl, { Names: name, Image: c.image, Status: `Exited (${c.exitCode}) 5 seconds ago` }) + "\n");
      }
      return 0;
    }
    default:
      err(`fake docker: unsupported command ${command}\n`);
      return 127;
  }
}

let code;
try {
  code = main(process.argv.slice(2));
} catch (e) {
  err(String(e && e.message ? e.message : e) + "\n");
  code = 126;
}
save();
process.exit(code);
