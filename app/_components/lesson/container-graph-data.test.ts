import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CONTAINER_GRAPH_SCRIPT, parseContainerGraph, shortVolumeName } from "./container-graph-data";

// What CONTAINER_GRAPH_SCRIPT printed in the guest after: a network appnet, a volume notes,
// `web` (busybox httpd, -p 8080:80, on appnet, notes at /data), `failed` (exit 3), `fresh`
// (created, /root bound read-only at /host) and `anon` (running, an anonymous volume at /cache).
const RECORDED = fs.readFileSync(path.join(import.meta.dirname, "fixtures/engine-answers.txt"), "utf8");

test("the script asks the Engine API, not the docker CLI, in one curl", () => {
  assert.doesNotMatch(CONTAINER_GRAPH_SCRIPT, /\bdocker (ps|volume|network|container)/);
  assert.equal(CONTAINER_GRAPH_SCRIPT.match(/\bcurl\b/g)?.length, 1);
});

test("containers: names, states, exit codes, ports once each, networks and mounts", () => {
  const graph = parseContainerGraph(RECORDED);
  assert.deepEqual(
    graph.containers.map((c) => [c.name, c.state, c.exitCode]),
    [
      ["anon", "running", null],
      ["failed", "exited", 3],
      ["fresh", "created", null],
      ["web", "running", null],
    ],
  );
  const web = graph.containers.find((c) => c.name === "web")!;
  assert.equal(web.image, "busybox");
  assert.deepEqual(web.ports, [{ host: 8080, container: 80, protocol: "tcp" }], "IPv4 and IPv6 bindings are one port");
  assert.deepEqual(web.networks, ["appnet"]);
  assert.deepEqual(web.mounts, [{ kind: "volume", source: "notes", destination: "/data", readOnly: false }]);
  const fresh = graph.containers.find((c) => c.name === "fresh")!;
  assert.deepEqual(fresh.mounts, [{ kind: "bind", source: "/root", destination: "/host", readOnly: true }]);
  assert.equal(web.compose, null);
});

test("networks: bridge and the learner's, with their containers; unused host and none left out", () => {
  const graph = parseContainerGraph(RECORDED);
  assert.deepEqual(
    graph.networks.map((n) => [n.name, n.driver, n.containers]),
    [
      ["bridge", "bridge", ["anon", "failed", "fresh"]],
      ["appnet", "bridge", ["web"]],
    ],
  );
});

test("volumes: named first, anonymous ones shortened, each with the containers that mount it", () => {
  const graph = parseContainerGraph(RECORDED);
  assert.deepEqual(
    graph.volumes.map((v) => [shortVolumeName(v.name), v.anonymous, v.usedBy]),
    [
      ["notes", false, ["web"]],
      ["20189f4672b1", true, ["anon"]],
    ],
  );
});

test("a Compose container carries its project and service; host networking shows the host network", () => {
  const [containers, volumes, networks] = RECORDED.split(/^@@dbl-end$/m);
  const list = JSON.parse(containers);
  list.push({
    Id: "c".repeat(64),
    Names: ["/site-web-1"],
    Image: "sha256:c49ea3a535ae0e837e942d89e278cac79783a20bdfeab4e2e54b3d4362ac346b",
    State: "exited",
    Status: "Exited (137) 2 seconds ago",
    Labels: { "com.docker.compose.project": "site", "com.docker.compose.service": "web" },
    NetworkSettings: { Networks: { host: {} } },
    Mounts: [],
  });
  const graph = parseContainerGraph([JSON.stringify(list), volumes, networks].join("\n@@dbl-end\n"));
  const web = graph.containers.find((c) => c.name === "site-web-1")!;
  assert.deepEqual(web.compose, { project: "site", service: "web" });
  assert.equal(web.exitCode, 137);
  assert.equal(web.image, "c49ea3a535ae", "an image given by ID reads as docker ps shows it");
  assert.deepEqual(
    graph.networks.map((n) => n.name),
    ["bridge", "appnet", "host"],
  );
});

test("an empty engine draws an empty picture; an answer that is not JSON is an error", () => {
  const empty = parseContainerGraph("[]\n@@dbl-end\n{\"Volumes\":null,\"Warnings\":null}\n@@dbl-end\n[{\"Name\":\"bridge\",\"Driver\":\"bridge\"},{\"Name\":\"none\",\"Driver\":\"null\"}]\n@@dbl-end\n");
  assert.deepEqual(empty, { containers: [], volumes: [], networks: [{ name: "bridge", driver: "bridge", builtIn: true, containers: [] }] });
  assert.throws(() => parseContainerGraph("curl: (7) Couldn't connect\n@@dbl-end\n"), /containers answer is not JSON/);
});
