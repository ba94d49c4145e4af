// What both doors (emulator/browser.ts and emulator/node.ts) export: the Sandbox contract, and the
// few helpers the code on either side of it shares.

export {
  isStoppedForGood,
  type ExecOptions,
  type ExecResult,
  type Sandbox,
  type SandboxHealth,
  type SandboxProgress,
  type SandboxStatus,
  type StartOptions,
  type TerminalLike,
} from "./sandbox";
export { Store, type Observable } from "./observable";
export { sha256Hex, StateRejectedError, type StateMeta } from "./state-check";
export { zstdContentSize } from "./zstd-frame";
// The first four bytes of an uncompressed v86 state (little-endian): for synthetic states in tests.
export { STATE_MAGIC_V86 } from "./guest-manifest";
