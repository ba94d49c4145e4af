// Data for the live picture of the engine's images: which names (repository:tag) point at which
// image IDs, and each image's layers. One exec of IMAGE_GRAPH_SCRIPT asks the Engine API (two
// curls: the image list, then every image's inspect; no docker CLI start) and parseImageGraph
// turns the answers into a model. No React here, so it is unit-tested.

/** The image list, then each image's inspect, every answer followed by a marker line. */
export const IMAGE_GRAPH_SCRIPT = `list=$(curl -sf --unix-socket /var/run/docker.sock http://docker/images/json) || exit 3
printf '%s\\n@@dbl-end\\n' "$list"
urls=
for id in $(printf '%s' "$list" | grep -o '"Id":"sha256:[0-9a-f]*'); do urls="$urls http://docker/images/\${id#*:\\"}/json"; done
[ -z "$urls" ] || curl -s --unix-socket /var/run/docker.sock -w '\\n@@dbl-end\\n' $urls
exit 0
`;

export interface GraphImage {
  /** Full image ID, "sha256:…". */
  id: string;
  /** The 12 hex digits docker images shows. */
  shortId: string;
  size: string;
  /** Names pointing at this image, "repository:tag", sorted. Empty for a dangling image. */
  tags: string[];
  /** Layer checksums (RootFS.Layers), bottom first. */
  layers: string[];
}

export interface ImageGraph {
  images: GraphImage[];
  /** How many images use each layer: shared layers are drawn as such. */
  layerUse: Record<string, number>;
  /** A colour hue per layer (0–359): distinct layers differ, a shared layer has one colour. */
  layerHues: Record<string, number>;
}

/* The fields read from the Engine API's answers. */
interface ApiImage {
  Id?: string;
  RepoTags?: string[] | null;
  Size?: number;
}
interface ApiImageInspect {
  Id?: string;
  RootFS?: { Layers?: string[] | null };
}

/** Well-separated hues, handed out to layers in order of first appearance (bottom layers first). */
const PALETTE = [212, 145, 28, 275, 350, 185, 48, 320, 95, 240];

export const shortDigest = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

export function parseImageGraph(stdout: string): ImageGraph {
  const [listJson, ...inspectJsons] = stdout.split(/^@@dbl-end$/m);
  const byId = new Map<string, GraphImage>();
  for (const entry of parseAnswer<ApiImage[]>(listJson) ?? []) {
    if (typeof entry.Id !== "string") continue;
    const tags = (entry.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
    byId.set(entry.Id, { id: entry.Id, shortId: shortDigest(entry.Id), size: humanSize(entry.Size ?? 0), tags, layers: [] });
  }
  // An image removed between the list and its inspect answers 404: its layers stay unknown.
  for (const text of inspectJsons) {
    const inspect = parseAnswer<ApiImageInspect>(text);
    const image = inspect?.Id ? byId.get(inspect.Id) : undefined;
    if (image) image.layers = (inspect?.RootFS?.Layers ?? []).filter(Boolean);
  }
  const images = [...byId.values()];
  for (const image of images) image.tags.sort();
  // Stable order: by first name, dangling images last.
  images.sort((a, b) => (a.tags[0] ?? "\uffff").localeCompare(b.tags[0] ?? "\uffff") || a.id.localeCompare(b.id));
  const layerUse: Record<string, number> = {};
  for (const image of images) for (const layer of new Set(image.layers)) layerUse[layer] = (layerUse[layer] ?? 0) + 1;
  const layerHues: Record<string, number> = {};
  const depth = Math.max(0, ...images.map((i) => i.layers.length));
  let next = 0;
  for (let level = 0; level < depth; level++) {
    for (const image of images) {
      const layer = image.layers[level];
      if (layer && layerHues[layer] === undefined) {
        layerHues[layer] = next < PALETTE.length ? PALETTE[next] : layerHue(layer);
        next++;
      }
    }
  }
  return { images, layerUse, layerHues };
}

/** A stable hue (0–359) derived from a layer's checksum (used once the palette runs out). */
export function layerHue(layer: string): number {
  const hex = layer.replace(/^sha256:/, "").slice(0, 6);
  const n = Number.parseInt(hex, 16);
  return Number.isFinite(n) ? (n * 137) % 360 : 210;
}

/** A JSON answer, or null for an empty or failed one (curl prints no body for an error). */
function parseAnswer<T>(text: string | undefined): T | null {
  if (!text?.trim()) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const SIZE_UNITS = ["B", "kB", "MB", "GB", "TB"];

/** Bytes as `docker images` writes them: powers of 1000, three significant digits ("1.95MB"). */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < SIZE_UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${SIZE_UNITS[unit]}`;
}
