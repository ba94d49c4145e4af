// Node host for the guest: used by the guest tests, the benchmark and the build's snapshot step.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { V86 } from "v86";
import { GuestMachine, type V86Instance } from "../guest-machine";
import { parseGuestManifest, statePartsOf, type GuestManifest } from "../guest-manifest";
import { buildV86Options, type DiskSource } from "../v86-options";

const require = createRequire(import.meta.url);
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const v86WasmPath = join(dirname(require.resolve("v86")), "v86.wasm");
export const v86Version: string = require("v86/package.json").version.replace(/\+.*$/, "");

/** Where `npm run guest:build` leaves the full artifacts (including the raw disk image). */
export function defaultGuestDir(): string {
  return process.env.DBL_GUEST_DIR ?? join(repoRoot, ".cache/guest");
}

export async function readManifest(guestDir = defaultGuestDir()): Promise<GuestManifest> {
  const path = join(guestDir, "manifest.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new Error(`No guest at ${guestDir}: run \`npm run guest:build\` first.`);
  }
  return parseGuestManifest(JSON.parse(text), path);
}

/**
 * The clean state's bytes: the guest build's one file, or the parts a site's folder
 * (public/guest/<base>/) serves, joined. Each part must have its manifest's size.
 */
export async function readCleanState(manifest: GuestManifest, guestDir = defaultGuestDir()): Promise<ArrayBuffer> {
  const data = new Uint8Array(manifest.state.size);
  for (const part of statePartsOf(manifest)) {
    const bytes = await readFile(join(guestDir, part.file));
    if (bytes.length !== part.size) throw new Error(`${join(guestDir, part.file)} is ${bytes.length} bytes; the manifest says ${part.size}.`);
    data.set(bytes, part.offset);
  }
  return data.buffer;
}

export interface NodeSandboxOptions {
  guestDir?: string;
  manifest?: GuestManifest;
  /** Defaults to the raw disk image in guestDir. */
  disk?: DiskSource;
}

export function createNodeEmulator(manifest: GuestManifest, guestDir: string, coldBoot: boolean, disk?: DiskSource): V86Instance {
  const options = buildV86Options({
    manifest,
    resolve: (file) => join(guestDir, file),
    disk: disk ?? { kind: "raw", path: join(guestDir, manifest.disk.raw) },
    wasmPath: v86WasmPath,
    coldBoot,
  });
  return new V86(options as any) as unknown as V86Instance;
}

export async function createNodeSandbox(options: NodeSandboxOptions = {}): Promise<GuestMachine> {
  const guestDir = options.guestDir ?? defaultGuestDir();
  const manifest = options.manifest ?? (await readManifest(guestDir));
  return new GuestMachine({
    manifest,
    createEmulator: (coldBoot) => createNodeEmulator(manifest, guestDir, coldBoot, options.disk),
    loadCleanState: async (onProgress) => {
      const data = await readCleanState(manifest, guestDir);
      onProgress(data.byteLength, data.byteLength);
      return data;
    },
  });
}
