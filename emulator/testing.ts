// The door to the emulator's test doubles: for tests, the reliability runs and the benchmarks.
// Nothing the site runs imports it (scripts/import-rules.test.ts).

export { FakeSandbox, type FakeSandboxOptions } from "./src/testing/fake-sandbox";
export { ConsoleDriver, stripAnsi } from "./src/testing/console-driver";
