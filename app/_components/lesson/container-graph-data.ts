// Data for the live picture of the engine's containers, networks and volumes: which containers
// exist and in what state, which ports they publish, which networks they are on and which volumes
// they mount. One exec of CONTAINER_GRAPH_SCRIPT (one curl, three Engine API answers, no docker
// CLI start) gives everything; parseContainerGraph turns it into a model. No React here, so it is
// unit-tested against answers recorded from the guest.

/** Three GETs on dockerd's socket in one curl process, each answer followed by a marker line. */
export const CONTAINER_GRAPH_SCRIPT = `curl -sf --unix-socket /var/run/docker.sock -w '\\n@@dbl-end\\n' \\
  'http://docker/containers/json?all=1' http://docker/volumes http://docker/networks || exit 3
`;

export type ContainerState = "running" | "exited" | "created" | "paused" | "restarting" | "removing" | "dead";

export interface PublishedPort {
  host: number;
  container: number;
  protocol: string;
}

export interface GraphMount {
  kind: "volume" | "bind" | "tmpfs";
  /** The volume's name, or the path on the machine for a bind mount ("" for tmpfs). */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface GraphContainer {
  id: string;
  name: string;
  /** The image as the container was created from it (a name, or an ID when the name is gone). */
  image: string;
  state: ContainerState;
  /** From "Exited (N) …": the exit code of an exited container, else null. */
  exitCode: number | null;
  /** Docker's own summary, e.g. "Up 2 minutes". */
  status: string;
  ports: PublishedPort[];
  networks: string[];
  mounts: GraphMount[];
  /** Set for containers Compose made: its project and service. */
  compose: { project: string; service: string } | null;
}

export interface GraphNetwork {
  name: string;
  driver: string;
  /** bridge, host and none: there on every engine. */
  builtIn: boolean;
  /** Names of the containers attached to it. */
  containers: string[];
}

export interface GraphVolume {
  name: string;
  /** A volume Docker named itself (64 hex digits): made by a `-v /path` without a name. */
  anonymous: boolean;
  /** Names of the containers that mount it. */
  usedBy: string[];
}

export interface ContainerGraph {
  containers: GraphContainer[];
  /** User-defined networks and bridge; host and none only when a container uses them. */
  networks: GraphNetwork[];
  volumes: GraphVolume[];
}

const BUILT_IN_NETWORKS = ["bridge", "host", "none"];
const STATES: ContainerState[] = ["running", "exited", "created", "paused", "restarting", "removing", "dead"];

/* The fields read from the Engine API's answers; everything is optional, since a picture should
   draw what it can rather than fail on an engine that leaves a field out. */
interface ApiContainer {
  Id?: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Ports?: { PrivatePort?: number; PublicPort?: number; Type?: string }[];
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
}
interface ApiVolume {
  Name?: string;
}
interface ApiNetwork {
  Name?: string;
  Driver?: string;
}

export function parseContainerGraph(stdout: string): ContainerGraph {
  const [containersJson, volumesJson, networksJson] = stdout.split(/^@@dbl-end$/m);
  const apiContainers = parseJson<ApiContainer[]>(containersJson, "containers") ?? [];
  const apiVolumes = parseJson<{ Volumes?: ApiVolume[] | null }>(volumesJson, "volumes")?.Volumes ?? [];
  const apiNetworks = parseJson<ApiNetwork[]>(networksJson, "networks") ?? [];

  const containers = apiContainers.map(toContainer).sort((a, b) => a.name.localeCompare(b.name));

  const members = (network: string) => containers.filter((c) => c.networks.includes(network)).map((c) => c.name);
  const networks = apiNetworks
    .filter((n): n is Required<Pick<ApiNetwork, "Name">> & ApiNetwork => typeof n.Name === "string")
    .map((n) => ({ name: n.Name, driver: n.Driver ?? "", builtIn: BUILT_IN_NETWORKS.includes(n.Name), containers: members(n.Name) }))
    .filter((n) => n.name === "bridge" || !n.builtIn || n.containers.length > 0)
    // bridge first, then the learner's networks by name, then host and none.
    .sort((a, b) => networkRank(a) - networkRank(b) || a.name.localeCompare(b.name));

  const volumes = apiVolumes
    .filter((v): v is { Name: string } => typeof v.Name === "string")
    .map((v) => ({
      name: v.Name,
      anonymous: isAnonymousVolume(v.Name),
      usedBy: containers.filter((c) => c.mounts.some((m) => m.kind === "volume" && m.source === v.Name)).map((c) => c.name),
    }))
    // Named volumes first: they are the ones a lesson's commands name.
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || a.name.localeCompare(b.name));

  return { containers, networks, volumes };
}

function toContainer(c: ApiContainer): GraphContainer {
  const labels = c.Labels ?? {};
  const project = labels["com.docker.compose.project"];
  const service = labels["com.docker.compose.service"];
  const state = STATES.find((s) => s === c.State) ?? "dead";
  const exited = /^Exited \((-?\d+)\)/.exec(c.Status ?? "");
  return {
    id: c.Id ?? "",
    name: (c.Names?.[0] ?? c.Id?.slice(0, 12) ?? "?").replace(/^\//, ""),
    image: shortImage(c.Image ?? ""),
    state,
    exitCode: state === "exited" && exited ? Number(exited[1]) : null,
    status: c.Status ?? "",
    ports: publishedPorts(c.Ports ?? []),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort(),
    mounts: (c.Mounts ?? []).map(toMount),
    compose: project && service ? { project, service } : null,
  };
}

/** Ports published on the machine, once each (the engine lists IPv4 and IPv6 bindings apart). */
function publishedPorts(ports: NonNullable<ApiContainer["Ports"]>): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const p of ports) {
    if (!p.PublicPort || !p.PrivatePort) continue;
    const port = { host: p.PublicPort, container: p.PrivatePort, protocol: p.Type ?? "tcp" };
    seen.set(`${port.host}/${port.container}/${port.protocol}`, port);
  }
  return [...seen.values()].sort((a, b) => a.host - b.host);
}

function toMount(m: NonNullable<ApiContainer["Mounts"]>[number]): GraphMount {
  const kind = m.Type === "bind" || m.Type === "tmpfs" ? m.Type : "volume";
  return {
    kind,
    source: kind === "volume" ? (m.Name ?? "") : kind === "bind" ? (m.Source ?? "") : "",
    destination: m.Destination ?? "",
    readOnly: m.RW === false,
  };
}

/** An image given by ID ("sha256:…") reads as its 12-digit short form, as `docker ps` shows it. */
function shortImage(image: string): string {
  return image.replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, "$1");
}

function networkRank(n: GraphNetwork): number {
  if (n.name === "bridge") return 0;
  return n.builtIn ? 2 : 1;
}

function parseJson<T>(text: string | undefined, what: string): T | null {
  if (text === undefined || !text.trim()) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`the engine's ${what} answer is not JSON`);
  }
}

/** A name Docker gave a volume itself (64 hex digits): a `-v /path` without a name made it. */
const isAnonymousVolume = (name: string) => /^[0-9a-f]{64}$/.test(name);

/** A volume's name as the picture shows it: anonymous ones by their first 12 digits. */
export const shortVolumeName = (name: string) => (isAnonymousVolume(name) ? name.slice(0, 12) : name);
