// The v86 options derived from a guest manifest. Node tests, the build's snapshot step and the
// browser all derive their options here, so a state saved by one restores in the others. What
// this file says decides the saved state: the guest build hashes it into the state's cache key
// (emulator/guest/build.mjs), and nothing else of the host-side code.

import type { GuestManifest } from "./guest-manifest";

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
