// The guest artifacts' manifest (public/guest/manifest.json, written by the build) and the v86
// options derived from it. Node tests, the build's snapshot step and the browser all derive their
// options here, so a state saved by one restores in the others.

// zod's small build: the emulator's worker loads this module before anything else can start, and
// the full build made up 456 KB of its 845 KB (0.15-0.3 s of the worker's start on a 2-core machine).
import * as z from "zod/mini";

// The worker runs under the site's CSP (no 'unsafe-eval'): keep zod from compiling parsers with
// `new Function` (even its probe for it is a CSP violation). See app/_lib/zod.ts.
z.config({ jitless: true });

const positiveInt = () => z.number().check(z.int(), z.positive());
const sha256Hex = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** A file in the guest folder: its name (relative to the folder), size in bytes and hex SHA-256. */
const fileRef = z.object({ file: z.string(), size: positiveInt(), sha256: sha256Hex() });

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
    sha256: sha256Hex(),
  }),
  /** zstd-compressed v86 state with Docker running; rawSize is its uncompressed size in bytes. */
  state: z.extend(fileRef, { rawSize: positiveInt() }),
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

export const STATE_MAGIC_ZSTD = 0xfd2fb528;
export const STATE_MAGIC_V86 = 0x86768676;

/** Everything (besides the v86 build) that must be identical for a state to restore. */
export function stateRelevantOptions(m: Pick<GuestManifest, "memoryMB" | "cmdline" | "bios" | "vgaBios" | "disk">) {
  return {
    memory_size: m.memoryMB * 1024 * 1024,
    vga_memory_size: 2 * 1024 * 1024,
    acpi: false,
    uart1: true,
    fastboot: true,
    cmdline: m.cmdline,
    bios: m.bios.sha256,
    vgaBios: m.vgaBios.sha256,
    disk: { sha256: m.disk.sha256, size: m.disk.size, chunkSize: m.disk.chunkSize },
  };
}

export async function computeOptionsHash(
  m: Pick<GuestManifest, "memoryMB" | "cmdline" | "bios" | "vgaBios" | "disk" | "v86Version">,
): Promise<string> {
  const text = JSON.stringify({ v86: m.v86Version, ...stateRelevantOptions(m) });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export type DiskSource =
  | { kind: "raw"; path: string } // Node: byte ranges read from the image file
  | { kind: "parts"; url: string } // browser: zstd parts, any static host
  | { kind: "buffer"; buffer: ArrayBuffer }; // build: writes land in the buffer, saved afterwards

export interface V86OptionsInput {
  manifest: GuestManifest;
  /** Resolves a manifest file name to a URL (browser) or path (Node). */
  resolve: (file: string) => string;
  disk: DiskSource;
  wasmPath: string;
  /** A cold boot needs the kernel and initrd; a restore takes everything from the state. */
  coldBoot: boolean;
}

export function buildV86Options({ manifest, resolve, disk, wasmPath, coldBoot }: V86OptionsInput) {
  const fixed = stateRelevantOptions(manifest);
  const hda =
    disk.kind === "buffer"
      ? { buffer: disk.buffer }
      : disk.kind === "raw"
      ? { url: disk.path, async: true as const, size: manifest.disk.size, fixed_chunk_size: manifest.disk.chunkSize }
      : {
          url: disk.url,
          async: true as const,
          size: manifest.disk.size,
          use_parts: true,
          fixed_chunk_size: manifest.disk.chunkSize,
        };
  return {
    wasm_path: wasmPath,
    memory_size: fixed.memory_size,
    vga_memory_size: fixed.vga_memory_size,
    acpi: fixed.acpi,
    uart1: fixed.uart1,
    fastboot: fixed.fastboot,
    cmdline: fixed.cmdline,
    bios: { url: resolve(manifest.bios.file) },
    vga_bios: { url: resolve(manifest.vgaBios.file) },
    hda,
    ...(coldBoot
      ? { bzimage: { url: resolve(manifest.kernel.file) }, initrd: { url: resolve(manifest.initrd.file) } }
      : {}),
    autostart: false,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    serial_console: { type: "none" as const },
    screen: { container: null },
  };
}
