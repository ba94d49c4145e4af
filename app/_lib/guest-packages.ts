// Build-time reader for public/guest/packages.json (written by the guest build).
// Tolerates a few shapes; returns null when the file is missing or unreadable.
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface GuestPackage {
  name: string;
  version: string;
  license: string;
}

function str(value: unknown): string {
  if (Array.isArray(value)) return value.map(str).filter(Boolean).join(", ");
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function toPackage(raw: unknown, fallbackName = ""): GuestPackage | null {
  if (typeof raw === "string") return { name: raw, version: "", license: "" };
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const name = str(r.name ?? r.package ?? r.Package) || fallbackName;
  if (!name) return null;
  return {
    name,
    version: str(r.version ?? r.Version),
    license: str(r.license ?? r.licenses ?? r.License ?? r.licence),
  };
}

export async function readGuestPackages(
  file = path.join(process.cwd(), "public", "guest", "packages.json"),
): Promise<GuestPackage[] | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
  let list: GuestPackage[] = [];
  const container = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  const items = Array.isArray(data) ? data : Array.isArray(container?.packages) ? (container.packages as unknown[]) : null;
  if (items) {
    list = items.map((item) => toPackage(item)).filter((p): p is GuestPackage => p !== null);
  } else if (container) {
    const map = (container.packages && typeof container.packages === "object" ? container.packages : container) as Record<string, unknown>;
    list = Object.entries(map)
      .map(([name, value]) => (typeof value === "string" ? { name, version: value, license: "" } : toPackage(value, name)))
      .filter((p): p is GuestPackage => p !== null);
  }
  return list.sort((a, b) => a.name.localeCompare(b.name));
}
