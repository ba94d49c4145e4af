// The guest artifacts' manifest (public/guest/manifest.json, written by the build) and the v86
// options derived from it. Node tests, the build's snapshot step and the browser all derive their
// options here, so a state saved by one restores in the others.

import { z } from "zod";

// The worker runs under the site's CSP (no 'unsafe-eval'): keep zod from compiling parsers with
// `new Function` (even its probe for it is a CSP violation). See app/_lib/zod.ts.
z.config({ jitless: true });

const fileRef = z.object({
  file: z.string().describe("File name relative to the guest folder"),
  size: z.number().int().positive().describe("Size in bytes"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("Hex SHA-256 of the file"),
});

export const guestManifestSchema = z.object({
  schema: z.literal(1).describe("Manifest format version"),
  base: z.string().optional().describe("Folder of the files below, relative to the manifest (the site's copy only)"),
  v86Version: z.string().describe("The v86 npm version the state was saved with"),
  memoryMB: z.number().int().positive().describe("Guest RAM in MiB"),
  cmdline: z.string().describe("Kernel command line"),
  bios: fileRef.describe("SeaBIOS image"),
  vgaBios: fileRef.describe("SeaBIOS VGA image"),
  kernel: fileRef.describe("bzImage, used only for a cold boot"),
  initrd: fileRef.describe("initramfs, used only for a cold boot"),
  disk: z
    .object({
      raw: z.string().describe("Uncompressed disk image (Node only; not published to the site)"),
      parts: z.string().describe("Base name of the zstd-compressed fixed-size parts, v86 `use_parts` style"),
      size: z.number().int().positive().describe("Disk size in bytes"),
      chunkSize: z.number().int().positive().describe("Bytes per part"),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("Hex SHA-256 of the raw disk image"),
    })
    .describe("The root disk (ext4), served lazily"),
  state: fileRef
    .extend({ rawSize: z.number().int().positive().describe("Uncompressed state size in bytes") })
    .describe("zstd-compressed v86 state with Docker running"),
  optionsHash: z.string().describe("Hash of every option a state depends on"),
  images: z
    .array(z.object({ repository: z.string(), tags: z.array(z.string()), imageId: z.string() }).passthrough())
    .describe("Images preloaded in the guest's registry"),
});

export type GuestManifest = z.infer<typeof guestManifestSchema>;

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
