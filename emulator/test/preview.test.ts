// The preview's transport against the real guest: a web server in the guest (busybox httpd),
// reached through the agent as the page reaches it (app/_lib/preview/http.ts), and the port
// detection's read of /proc/net/tcp. Prints previewFirstByteMs.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createNodeSandbox } from "../src/node";
import type { GuestMachine } from "../src/guest-machine";
import { fetchFromGuest, MAX_RESPONSE_BYTES } from "../../app/_lib/preview/http";
import { listeningPorts, PORTS_SCRIPT } from "../../app/_lib/preview/ports";

let machine: GuestMachine;
const exec = (script: string, options?: { timeoutMs?: number }) => machine.exec(script, options);

before(async () => {
  machine = await createNodeSandbox();
  await machine.start();
  const setup = await machine.exec(
    [
      "mkdir -p /tmp/www/cgi-bin",
      "printf '<!doctype html><title>Hi</title><h1>Hello from the guest</h1><a href=\"/second.html\">next</a>' >/tmp/www/index.html",
      "printf 'second page' >/tmp/www/second.html",
      "head -c 2000000 /dev/zero >/tmp/www/big.bin",
      "cat >/tmp/www/cgi-bin/echo <<'CGI'",
      "#!/bin/sh",
      "printf 'Content-Type: text/plain\\r\\n\\r\\n'",
      "printf 'method=%s body=' \"$REQUEST_METHOD\"",
      "head -c \"$CONTENT_LENGTH\"",
      "CGI",
      "chmod +x /tmp/www/cgi-bin/echo",
      "busybox httpd -p 8080 -h /tmp/www",
      // A port that accepts and never answers (nc keeps the connection while its input stays open).
      "(sleep 600 | busybox nc -l -p 8081 >/dev/null 2>&1 &)",
      "sleep 1",
    ].join("\n"),
  );
  assert.equal(setup.exitCode, 0, setup.stderr);
});

after(async () => {
  await machine?.destroy();
});

describe("the preview's transport in the real guest", () => {
  test("the port detection sees 8080 and not the registry", async () => {
    const { stdout } = await exec(PORTS_SCRIPT);
    const ports = listeningPorts(stdout);
    assert.ok(ports.includes(8080), `ports: ${ports}`);
    assert.ok(!ports.includes(5000), `ports: ${ports}`);
    console.log(`listening ports: ${ports.join(", ")}`);
  });

  test("GET / returns the page; previewFirstByteMs measured", async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await fetchFromGuest(exec, { port: 8080, method: "GET", target: "/" });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.response.status, 200);
      assert.match(new TextDecoder().decode(result.response.body), /Hello from the guest/);
      times.push(result.ms);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ previewFirstByteMs: Math.round(times[2]), samples: times.map(Math.round) }));
  });

  test("a form post reaches the server with its body", async () => {
    const result = await fetchFromGuest(exec, { port: 8080, method: "POST", target: "/cgi-bin/echo", body: "name=ada&x=1" });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(new TextDecoder().decode(result.response.body), "method=POST body=name=ada&x=1");
  });

  test("a 404 is a response, not a failure", async () => {
    const result = await fetchFromGuest(exec, { port: 8080, method: "GET", target: "/nope" });
    assert.ok(result.ok);
    assert.equal(result.response.status, 404);
  });

  test("a closed port is refused at once", async () => {
    const started = Date.now();
    const result = await fetchFromGuest(exec, { port: 8099, method: "GET", target: "/" });
    assert.deepEqual(result, { ok: false, failure: { kind: "refused" } });
    console.log(`refused in ${Date.now() - started} ms`);
  });

  test("a response over the cap is refused whole", async () => {
    const started = Date.now();
    const result = await fetchFromGuest(exec, { port: 8080, method: "GET", target: "/big.bin" });
    assert.deepEqual(result, { ok: false, failure: { kind: "too-large" } });
    console.log(`too-large (${MAX_RESPONSE_BYTES} B cap) in ${Date.now() - started} ms`);
  });

  test("a port that never answers gives up", async () => {
    const started = Date.now();
    const result = await fetchFromGuest(exec, { port: 8081, method: "GET", target: "/" });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure.kind, "timeout");
    console.log(`timeout in ${Date.now() - started} ms`);
  });

  test("a 100 KiB page: time to the whole response", async () => {
    await exec("head -c 102400 /dev/urandom | base64 -w 100 | head -c 102400 >/tmp/www/k100.txt");
    const result = await fetchFromGuest(exec, { port: 8080, method: "GET", target: "/k100.txt" });
    assert.ok(result.ok);
    assert.equal(result.response.body.length, 102400);
    console.log(`100 KiB in ${Math.round(result.ms)} ms`);
  });
});
