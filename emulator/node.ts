// The door into the emulator for Node: the guest tests' and scripts' machine (v86 in this
// process), with what they need to build, refuse or measure one.

export * from "./src/common-api";
export { GuestMachine, type MachineHost, type V86Instance } from "./src/guest-machine";
export type { GuestManifest } from "./src/guest-manifest";
export {
  createNodeEmulator,
  createNodeSandbox,
  defaultGuestDir,
  readCleanState,
  readManifest,
  repoRoot,
  v86Version,
  v86WasmPath,
  type NodeSandboxOptions,
} from "./src/node";
