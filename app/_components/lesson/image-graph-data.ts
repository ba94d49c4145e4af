// Data for the live picture of the engine's images: which names (repository:tag) point at which
// image IDs, and each image's layers. One exec of IMAGE_GRAPH_SCRIPT (two docker calls) gives
// everything; parseImageGraph turns its output into a model. No React here, so it is unit-tested.

export const IMAGE_GRAPH_SCRIPT = `rows=$(docker images --no-trunc --format '{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}' 2>/dev/null) || exit 3
printf '%s\\n' "$rows"
echo '@@dbl-layers'
ids=$(printf '%s\\n' "$rows" | cut -d'|' -f3 | sort -u | grep .)
if [ -n "$ids" ]; then docker image inspect --format '{{.Id}}{{range .RootFS.Layers}} {{.}}{{end}}' $ids 2>/dev/null; fi
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

/** Well-separated hues, handed out to layers in order of first appearance (bottom layers first). */
const PALETTE = [212, 145, 28, 275, 350, 185, 48, 320, 95, 240];

export const shortDigest = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

export function parseImageGraph(stdout: string): ImageGraph {
  const [rowsPart, layersPart = ""] = stdout.split(/^@@dbl-layers$/m);
  const byId = new Map<string, GraphImage>();
  for (const line of rowsPart.split("\n")) {
    const parts = line.trim().split("|");
    if (parts.length < 4 || !parts[2]) continue;
    const [repository, tag, id, size] = parts;
    let image = byId.get(id);
    if (!image) {
      image = { id, shortId: shortDigest(id), size, tags: [], layers: [] };
      byId.set(id, image);
    }
    if (repository !== "<none>" && tag !== "<none>") image.tags.push(`${repository}:${tag}`);
  }
  for (const line of layersPart.split("\n")) {
    const [id, ...layers] = line.trim().split(/\s+/);
    const image = id ? byId.get(id) : undefined;
    if (image) image.layers = layers.filter(Boolean);
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
