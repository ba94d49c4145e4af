#!/usr/bin/env node
// A stand-in for the docker CLI, for unit-testing exercise checks and solutions without the guest.
// It models only what the lessons use: the lab registry's images (busybox, webapp, hello-world),
// pull/tag/rmi/push, `run` of a few known commands, inspect/images/ps with a small Go-template
// subset, and diff. State lives in $FAKE_DOCKER_STATE (a JSON file); pushes write the registry's
// on-disk tag links under $FAKE_REGISTRY_ROOT, where the checks look for them.
//
// It is a model, not Docker: the real guest test (content:check --guest) has the last word.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const STATE = process.env.FAKE_DOCKER_STATE;
const REGISTRY_ROOT = process.env.FAKE_REGISTRY_ROOT;
if (!STATE || !REGISTRY_ROOT) {
  process.stderr.write("fake docker: set FAKE_DOCKER_STATE and FAKE_REGISTRY_ROOT\n");
  process.exit(125);
}

const sha = (c) => "sha256:" + c.repeat(64).slice(0, 64);
const L_BUSYBOX = sha("1a");
const CATALOG = {
  // the mirror at localhost:5000, as "repository:tag" -> image
  images: {
    [sha("b0")]: { layers: [L_BUSYBOX], size: "1.95MB" },
    [sha("a0")]: { layers: [L_BUSYBOX, sha("2b"), sha("3c")], size: "1.96MB" },
    [sha("c0")]: { layers: [sha("4d")], size: "9.38kB" },
  },
  tags: {
    "busybox:latest": sha("b0"),
    "busybox:1.35": sha("b0"),
    "busybox:1.35.0": sha("b0"),
    "webapp:latest": sha("a0"),
    "hello-world:latest": sha("c0"),
  },
};

function load() {
  try {
    return JSON.parse(fs.readFileSync(STATE, "utf8"));
  } catch {
    return { images: {}, tags: {}, containers: {}, registry: {}, seq: 0 };
  }
}
const state = load();
const save = () => fs.writeFileSync(STATE, JSON.stringify(state));
const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);

/** "busybox" -> "busybox:latest"; strips docker.io/library/. */
function norm(ref) {
  let r = ref.replace(/^docker\.io\/(library\/)?/, "");
  const slash = r.lastIndexOf("/");
  if (!r.slice(slash + 1).includes(":")) r += ":latest";
  return r;
}
const splitRef = (ref) => {
  const i = ref.lastIndexOf(":");
  return [ref.slice(0, i), ref.slice(i + 1)];
};

function resolveImage(ref) {
  const n = norm(ref);
  if (state.tags[n]) return state.tags[n];
  const byId = Object.keys(state.images).find((id) => id.replace("sha256:", "").startsWith(ref.replace("sha256:", "")) && ref.length >= 4);
  return byId ?? null;
}

function pull(ref, quiet = false) {
  const n = norm(ref);
  let id;
  let meta;
  if (n.startsWith("localhost:5000/")) {
    id = state.registry[n.slice("localhost:5000/".length)];
    meta = id && (state.images[id] ?? state.deleted?.[id]);
  } else {
    id = CATALOG.tags[n];
    meta = id && CATALOG.images[id];
  }
  if (!id || !meta) {
    err(`Error response from daemon: manifest for ${n} not found: manifest unknown: manifest unknown\n`);
    return false;
  }
  if (!quiet) out(`${n.split(":").pop()}: Pulling from ${splitRef(n)[0]}\nStatus: Downloaded newer image for ${n}\n`);
  state.images[id] ??= { layers: meta.layers, size: meta.size };
  state.tags[n] = id;
  return true;
}

// ---- a small Go-template subset: {{.A.B}} {{join .X "s"}} {{len .X}} {{println .}} {{range .X}}…{{end}}
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
  if ((m = /^println (\S+)$/.exec(a))) return String(field(dot, m[1]) ?? "") + "\n";
  if (a.startsWith(".")) {
    const v = field(dot, a);
    return Array.isArray(v) ? `[${v.join(" ")}]` : v === undefined ? "<no value>" : String(v);
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
  const tags = Object.keys(state.tags).filter((t) => state.tags[t] === id).sort();
  return { Id: id, RepoTags: tags, RepoDigests: [], RootFS: { Type: "layers", Layers: img.layers }, Size: 1950464 };
}
function imageRows(noTrunc) {
  const rows = [];
  for (const [ref, id] of Object.entries(state.tags).sort()) {
    const [Repository, Tag] = splitRef(ref);
    rows.push({ Repository, Tag, ID: noTrunc ? id : id.slice(7, 19), Size: state.images[id].size, CreatedSince: "2 weeks ago" });
  }
  return rows;
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

function simulate(cmd, c) {
  const line = cmd.join(" ");
  if (c.image === "hello-world:latest") return [0, "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n"];
  if (cmd[0] === "uname") return [0, os.release() + "\n"];
  if (cmd[0] === "hostname") return [0, c.hostname + "\n"];
  if (cmd[0] === "ps") return [0, "PID   USER     TIME  COMMAND\n    1 root      0:00 ps\n"];
  if (cmd[0] === "sh" && cmd[1] === "-c") {
    const m = /(?:>|touch)\s*(\/[^\s;'"]+)/.exec(cmd[2] ?? "");
    if (m) c.diff.push(`A ${m[1]}`);
    return [0, ""];
  }
  if ((cmd[0] === "cat" || cmd[0] === "ls") && cmd[1]) {
    if (c.diff.includes(`A ${cmd[1]}`)) return [0, ""];
    return [1, cmd[0] === "cat" ? `cat: can't open '${cmd[1]}': No such file or directory\n` : `ls: ${cmd[1]}: No such file or directory\n`];
  }
  return [127, `fake docker: cannot simulate "${line}"\n`];
}

function main(argv) {
  const [command, ...args] = argv;
  switch (command) {
    case "version": {
      const { flags } = parseFlags(args, ["--format", "-f"]);
      const data = { Server: { Os: "linux", Arch: "386", Version: "20.10.24+dfsg1" }, Client: { Os: "linux", Arch: "386" } };
      out((flags["--format"] ?? flags["-f"]) ? render(flags["--format"] ?? flags["-f"], data) + "\n" : "Server: linux/386\n");
      return 0;
    }
    case "pull": {
      return pull(args[args.length - 1]) ? 0 : 1;
    }
    case "tag": {
      const id = resolveImage(args[0]);
      if (!id) {
        err(`Error response from daemon: No such image: ${args[0]}\n`);
        return 1;
      }
      state.tags[norm(args[1])] = id;
      return 0;
    }
    case "rmi": {
      let code = 0;
      for (const ref of args.filter((a) => !a.startsWith("-"))) {
        const n = norm(ref);
        const id = state.tags[n];
        if (!id) {
          err(`Error: No such image: ${ref}\n`);
          code = 1;
          continue;
        }
        delete state.tags[n];
        out(`Untagged: ${n}\n`);
        const stillNamed = Object.values(state.tags).includes(id);
        const used = Object.values(state.containers).some((c) => c.imageId === id);
        if (!stillNamed && !used) {
          (state.deleted ??= {})[id] = state.images[id];
          delete state.images[id];
          out(`Deleted: ${id}\n`);
        }
      }
      return code;
    }
    case "push": {
      const n = norm(args[0]);
      const id = state.tags[n];
      if (!id || !n.startsWith("localhost:5000/")) {
        err(`fake docker: can only push existing localhost:5000/ names (${n})\n`);
        return 1;
      }
      const [repo, tag] = splitRef(n.slice("localhost:5000/".length));
      state.registry[`${repo}:${tag}`] = id;
      const dir = path.join(REGISTRY_ROOT, "docker/registry/v2/repositories", repo, "_manifests/tags", tag, "current");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "link"), id);
      out(`The push refers to repository [localhost:5000/${repo}]\n${tag}: digest: ${id} size: 527\n`);
      return 0;
    }
    case "run": {
      const { flags, rest } = parseFlags(args, ["--name", "--hostname", "-h"]);
      const [imageRef, ...cmd] = rest;
      if (!resolveImage(imageRef)) {
        err(`Unable to find image '${norm(imageRef)}' locally\n`);
        if (!pull(imageRef)) return 125;
      }
      const name = flags["--name"] ?? `c${++state.seq}`;
      if (state.containers[name]) {
        err(`docker: Error response from daemon: Conflict. The container name "/${name}" is already in use.\n`);
        return 125;
      }
      const id = resolveImage(imageRef);
      const c = {
        image: imageRef,
        imageId: id,
        cmd: cmd.length ? cmd : imageRef.startsWith("hello-world") ? ["/hello"] : ["sh"],
        hostname: flags["--hostname"] ?? flags["-h"] ?? "f3b1c2d9e8a7",
        diff: [],
      };
      const imgNorm = norm(imageRef);
      const [code, output] = simulate(c.cmd, { ...c, image: imgNorm });
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
          data = { Config: { Image: c.image, Cmd: c.cmd, Hostname: c.hostname }, State: { Status: c.status, ExitCode: c.exitCode }, Image: c.imageId, Name: `/${name}` };
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
        const [repo, tag] = rest[0].includes(":") ? splitRef(rest[0]) : [rest[0], null];
        rows = rows.filter((r) => r.Repository === repo && (!tag || r.Tag === tag));
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
