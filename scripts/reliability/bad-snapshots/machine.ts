// Row "bad snapshots (machine)": the 100 fixtures through GuestMachine.start({ state }), the
// code the worker runs, with a host whose emulator factory records whether it was ever called.
// Every fixture must be refused with StateRejectedError (the right reason) before an emulator
// exists. A good state must reach the emulator, or the refusals would prove nothing.

import fs from "node:fs";
import path from "node:path";
import { GuestMachine, type GuestManifest, type MachineHost, StateRejectedError } from "../../../emulator/node";
import { Tally, type Suite } from "../suite";
import { generateFixtures, goodMeta, goodState, type Expected } from "./fixtures";

class RestoreReached extends Error {}

export function readExpected(root: string): Expected {
  for (const dir of ["out/guest", "public/guest"]) {
    const file = path.join(root, dir, "manifest.json");
    if (!fs.existsSync(file)) continue;
    const m = JSON.parse(fs.readFileSync(file, "utf8"));
    return { diskSha256: m.disk.sha256, optionsHash: m.optionsHash, v86Version: m.v86Version, memoryMB: m.memoryMB };
  }
  throw new Error("no guest manifest in out/guest or public/guest: build the guest first");
}

/** A machine whose emulator is never really made: reaching the factory means "restore began". */
function machineFor(expected: Expected) {
  const calls = { createEmulator: 0 };
  const host: MachineHost = {
    manifest: { disk: { sha256: expected.diskSha256 }, optionsHash: expected.optionsHash, v86Version: expected.v86Version, memoryMB: expected.memoryMB } as unknown as GuestManifest,
    createEmulator: () => {
      calls.createEmulator++;
      throw new RestoreReached("restore began");
    },
    loadCleanState: () => Promise.reject(new Error("the clean state is not used here")),
  };
  return { machine: new GuestMachine(host), calls };
}

export const badSnapshotsMachine: Suite = {
  name: "bad snapshots (machine)",
  needs: "node",
  async run(ctx) {
    const expected = readExpected(ctx.root);
    const tally = new Tally();

    const control = machineFor(expected);
    const good = goodState();
    const reached = await control.machine.start({ state: { data: good.slice().buffer, meta: goodMeta(good, expected) } }).then(
      () => false,
      (err) => err instanceof RestoreReached,
    );
    if (!reached || control.calls.createEmulator !== 1) throw new Error("a good state did not reach the emulator: the harness cannot tell refusal from failure");

    const fixtures = generateFixtures(expected);
    let made = 0;
    for (const f of fixtures) {
      const { machine, calls } = machineFor(expected);
      const error = await machine.start({ state: { data: f.data.slice().buffer, meta: f.meta } }).then(
        () => null,
        (err: unknown) => err,
      );
      const refused = error instanceof StateRejectedError && error.reason === f.reason;
      made += calls.createEmulator;
      const ok = refused && calls.createEmulator === 0 && machine.status.get() === "crashed" && !!machine.error.get();
      tally.check(`${f.kind} / ${f.name}`, ok, `got ${error instanceof StateRejectedError ? error.reason : String(error)}, wanted ${f.reason}; emulator made ${calls.createEmulator}×, status ${machine.status.get()}`);
    }
    return tally.result(`${tally.passed} refused before restore, ${made} emulators made`);
  },
};
