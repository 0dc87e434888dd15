// Runs a flow with Gumloop's official JavaScript SDK (npm gumloop), unmodified apart from its base URL, which
// the SDK hard-codes and which here points at the GumloopPS simulator. Credentials come from the environment so
// that they never appear on a command line. Prints the run's outputs as JSON on stdout.
'use strict';
const { GumloopClient } = require('gumloop');

async function main() {
  const env = process.env;
  const client = new GumloopClient({
    apiKey: env.GUMLOOP_CONFORMANCE_API_KEY,
    userId: env.GUMLOOP_CONFORMANCE_USER_ID || undefined,
    projectId: env.GUMLOOP_CONFORMANCE_PROJECT_ID || undefined,
  });
  client.api.defaults.baseURL = env.GUMLOOP_CONFORMANCE_BASE_URL;
  // A proxy from the environment must not capture loopback traffic.
  client.api.defaults.proxy = false;
  // runFlow logs the run's link with console.log; keep stdout for the outputs.
  console.log = (...args) => console.error(...args);
  const inputs = JSON.parse(env.GUMLOOP_CONFORMANCE_INPUTS || '{}');
  const outputs = await client.runFlow(env.GUMLOOP_CONFORMANCE_FLOW_ID, inputs, 50, 30000);
  process.stdout.write(JSON.stringify(outputs));
}

main().catch((err) => {
  const status = err && err.response ? ` (HTTP ${err.response.status}: ${JSON.stringify(err.response.data)})` : '';
  process.stderr.write(`runFlow failed: ${err && err.message}${status}\n`);
  process.exit(1);
});
