// The guest artifacts' manifest (public/guest/manifest.json, written by the build): its schema, and
// the magic numbers of the state it names. The v86 options derived from it are in v86-options.ts.

// zod's small build: the emulator's worker loads this module before anything else can start, and
// the full build made up 456 KB of its 845 KB (0.15-0.3 s of the worker's start on a 2-core machine).
import * as z from "zod/mini";

// The worker runs under the site's CSP (no 'unsafe-eval'): keep zod from compiling parsers with
// `new Function` (even its probe for it is a CSP violation). See app/_lib/zod.ts.
z.config({ jitless: true });

const positiveInt = () => z.number().check(z.int(), z.positive());
const hexSha256 = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** A file in the guest folder: its name (relative to the folder), size in bytes and hex SHA-256. */
const fileRef = z.object({ file: z.string(), size: positiveInt(), sha256: hexSha256() });

export const guestManifestSchema = z.object({
  /** Manifest format version. */
  schema: z.literal(1),
  /** Folder of the files below, relative to the manifest (the site's copy only). */
  base: z.optional(z.string()),
  /** The v86 npm version the state was saved with. */
  v86Version: z.string(),
  /** Guest RAM in MiB. */
  memoryMB: positiveInt(),
  /** Kernel command line. */
  cmdline: z.string(),
  /** SeaBIOS and its VGA image. */
  bios: fileRef,
  vgaBios: fileRef,
  /** bzImage and initramfs, used only for a cold boot. */
  kernel: fileRef,
  initrd: fileRef,
  /** The root disk (ext4), served lazily. */
  disk: z.object({
    /** Uncompressed disk image (Node only; not published to the site). */
    raw: z.string(),
    /** Base name of the zstd-compressed fixed-size parts, v86 `use_parts` style. */
    parts: z.string(),
    /** Disk size in bytes. */
    size: positiveInt(),
    /** Bytes per part. */
    chunkSize: positiveInt(),
    /** Hex SHA-256 of the raw disk image. */
    sha256: hexSha256(),
  }),
  /**
   * zstd-compressed v86 state with Docker running: its size and SHA-256, and rawSize, its
   * uncompressed size in bytes. It is one `file` (the guest build's copy, read by Node) or, on the
   * site, `parts`: the compressed stream cut into consecutive pieces, each a file of its own (no
   * file a static host serves may be larger than its per-file limit), in order.
   */
  state: z
    .object({
      file: z.optional(z.string()),
      parts: z.optional(z.array(fileRef).check(z.minLength(1))),
      size: positiveInt(),
      sha256: hexSha256(),
      rawSize: positiveInt(),
    })
    .check(
      z.refine((state) => (state.file === undefined) !== (state.parts === undefined), { message: "a state has either a file or parts" }),
      z.refine((state) => !state.parts || state.parts.reduce((sum, part) => sum + part.size, 0) === state.size, {
        message: "the parts' sizes add up to the state's size",
        path: ["parts"],
      }),
    ),
  /** Hash of every option a state depends on. */
  optionsHash: z.string(),
  /** Images preloaded in the guest's registry. */
  images: z.array(z.looseObject({ repository: z.string(), tags: z.array(z.string()), imageId: z.string() })),
});

export type GuestManifest = z.infer<typeof guestManifestSchema>;

/** Parses a manifest; a bad one is refused with the file and every field that is wrong named. */
export function parseGuestManifest(value: unknown, source: string): GuestManifest {
  const result = guestManifestSchema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".") || "(the whole file)"))];
  throw new Error(`${source} is not a valid guest manifest (${fields.join(", ")}).`);
}

/** A piece of the clean state: a file, and where its bytes go in the whole. */
export interface StatePart {
  file: string;
  size: number;
  sha256: string;
  offset: number;
}

/** The files the clean state is read from, in order: its parts, or its one file. */
export function statePartsOf(manifest: Pick<GuestManifest, "state">): StatePart[] {
  const { state } = manifest;
  const files = state.parts ?? [{ file: state.file!, size: state.size, sha256: state.sha256 }];
  let offset = 0;
  return files.map((part) => {
    const placed = { ...part, offset };
    offset += part.size;
    return placed;
  });
}

export const STATE_MAGIC_ZSTD = 0xfd2fb528;
export const STATE_MAGIC_V86 = 0x86768676;
