// Build-time reader for public/guest/packages.json, which the guest build writes
// (emulator/guest/scripts/licences.mjs): the machine's Debian packages and those in the registry's
// images, each with the licences its copyright file names. Null when the file is missing (the
// guest is not built) or not in that shape, so the page says the list is not built yet.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export interface GuestPackage {
  name: string;
  version: string;
  license: string;
}

const packagesFile = z.object({
  packages: z.array(z.object({ name: z.string().min(1), version: z.string(), licences: z.array(z.string()) })),
});

export async function readGuestPackages(
  file = path.join(process.cwd(), "public", "guest", "packages.json"),
): Promise<GuestPackage[] | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
  const parsed = packagesFile.safeParse(data);
  if (!parsed.success) return null;
  return parsed.data.packages
    .map(({ name, version, licences }) => ({ name, version, license: licences.join(", ") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
