// A closed-loop load client, the same for both services: CLIENTS connections (keep-alive),
// each posting BODY to URL again as soon as its answer is read, for SECONDS.
// Usage: node load.mjs URL BODY_FILE CLIENTS SECONDS [AUTHORIZATION]
// Prints one JSON line: {"requests", "errors", "seconds", "p50_ms", "p99_ms"}.
import { readFileSync } from "node:fs";
import http from "node:http";

const [url, bodyFile, clients, seconds, authorization] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const target = new URL(url);
const headers = { "content-type": "application/json", "content-length": body.length };
if (authorization) headers.authorization = authorization;

function post(agent) {
  return new Promise((resolve) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers, agent },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          let ok = response.statusCode === 200;
          if (ok) {
            try {
              ok = !("errors" in JSON.parse(Buffer.concat(chunks).toString("utf8")));
            } catch {
              ok = false;
            }
          }
          resolve(ok);
        });
      },
    );
    request.on("error", () => resolve(false));
    request.end(body);
  });
}

const deadline = performance.now() + Number(seconds) * 1000;
const latencies = [];
let errors = 0;

async function client() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  while (performance.now() < deadline) {
    const started = performance.now();
    const ok = await post(agent);
    latencies.push(performance.now() - started);
    if (!ok) errors += 1;
  }
  agent.destroy();
}

const started = performance.now();
await Promise.all(Array.from({ length: Number(clients) }, client));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length,
    errors,
    seconds: elapsed,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
  }),
);
