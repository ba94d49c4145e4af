import assert from "node:assert/strict";
import { test } from "node:test";
import { listeningPorts, newlyOpened } from "./ports";

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 00000000 100 0 0 10 0
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1235 1 00000000 100 0 0 10 0
   2: 0100007F:1F90 0100007F:A2B4 01 00000000:00000000 00:00000000 00000000     0        0 1236 1 00000000 100 0 0 10 0
   3: 0200A8C0:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1237 1 00000000 100 0 0 10 0
   4: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1238 1 00000000 100 0 0 10 0
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99 1
   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 98 1
`;

test("listening ports on any address or loopback, sorted, without the registry", () => {
  // 5000 is the registry; 8080 twice (v4 and v6); 22 is only on another address; 8080's
  // established connection is not a listener.
  assert.deepEqual(listeningPorts(TCP), [3000, 8080, 8081]);
});

test("garbage reads as no ports", () => {
  assert.deepEqual(listeningPorts(""), []);
  assert.deepEqual(listeningPorts("cat: /proc/net/tcp6: No such file\nhello world a b c"), []);
});

test("newly opened ports are those not seen before", () => {
  assert.deepEqual(newlyOpened([8080], [3000, 8080, 8081]), [3000, 8081]);
  assert.deepEqual(newlyOpened([8080, 3000], [8080]), []);
});
