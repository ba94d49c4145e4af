// Which TCP ports listen in the guest, read from /proc/net/tcp and /proc/net/tcp6: one `cat`
// through the agent after each command the learner runs (no daemon, no docker events stream).
// A port counts when it listens on every address or on loopback, since the preview connects to
// 127.0.0.1. The guest's own services are left out.

/** The script that lists the guest's listening sockets. */
export const PORTS_SCRIPT = "cat /proc/net/tcp /proc/net/tcp6 2>/dev/null\n";

/** Ports the guest itself listens on (the local registry), never offered as a preview. */
export const SYSTEM_PORTS: ReadonlySet<number> = new Set([5000]);

const LISTEN = "0A";
const ANY_OR_LOOPBACK = new Set([
  "00000000", // 0.0.0.0
  "0100007F", // 127.0.0.1
  "00000000000000000000000000000000", // ::
  "00000000000000000000000001000000", // ::1
  "0000000000000000FFFF00000100007F", // ::ffff:127.0.0.1
]);

/** The listening ports in the text of /proc/net/tcp{,6}, sorted, without the system's own. */
export function listeningPorts(procNetTcp: string): number[] {
  const ports = new Set<number>();
  for (const line of procNetTcp.split("\n")) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st ...
    if (fields.length < 4 || !/^\d+:$/.test(fields[0])) continue;
    if (fields[3].toUpperCase() !== LISTEN) continue;
    const [address, portHex] = fields[1].split(":");
    if (!address || !portHex || !ANY_OR_LOOPBACK.has(address.toUpperCase())) continue;
    const port = parseInt(portHex, 16);
    if (port > 0 && !SYSTEM_PORTS.has(port)) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** The ports in `now` that were not in `before`: the ones that just opened. */
export function newlyOpened(before: readonly number[], now: readonly number[]): number[] {
  const known = new Set(before);
  return now.filter((p) => !known.has(p));
}
