// Runs the gateway as its own process, as `dotnet OrleansMarketData.Gateway.dll`, on free loopback ports.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGULAR_HOURS, simulatorClock } from './market-time.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dll = process.env.GATEWAY_DLL ?? join(repo, 'Gateway/bin/Debug/net10.0/OrleansMarketData.Gateway.dll');

/** Builds the gateway (and so the chart bundle) when no build output is there yet. */
export function ensureGatewayBuilt() {
  if (existsSync(dll) && existsSync(join(dirname(dll), 'wwwroot/index.html'))) return;
  const build = spawnSync('dotnet', ['build', join(repo, 'Gateway/Gateway.csproj'), '--nologo'], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  if (build.status !== 0) throw new Error(`dotnet build of the gateway failed (status ${build.status})`);
}

export async function freePort() {
  const server = createServer();
  await new Promise((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

export class Gateway {
  #process;
  #output = [];
  #exit;
  #storeDir;

  constructor(port) {
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
    /** The simulated clock's settings: a gateway restarted with them as its environment reads the same clock. */
    this.clock = {};
  }

  /**
   * Starts a standalone gateway on the given HTTP port (a free one by default), with the simulator at 60× from
   * `marketTime` (an ISO-8601 time; regular hours unless given).
   */
  static async start({ port, environment = {}, healthTimeoutMs = 60_000, marketTime = REGULAR_HOURS } = {}) {
    const gateway = new Gateway(port ?? await freePort());
    const clock = simulatorClock(marketTime);
    for (const key of Object.keys(clock)) clock[key] = environment[key] ?? clock[key];
    gateway.clock = clock;
    await gateway.#launch({ ...clock, ...environment }, healthTimeoutMs);
    return gateway;
  }

  get output() {
    return this.#output.join('');
  }

  async #launch(environment, healthTimeoutMs) {
    // A SQLite bar store of its own, so that no two gateways share a history.
    this.#storeDir = mkdtempSync(join(tmpdir(), 'bar-store-'));
    this.#process = spawn('dotnet', [dll], {
      cwd: dirname(dll),
      env: {
        ...process.env,
        Urls: this.baseUrl,
        Cluster__SiloPort: String(await freePort()),
        Cluster__GatewayPort: String(await freePort()),
        MarketData__Simulator__Speed: '60',
        BarStore__Sqlite__Path: join(this.#storeDir, 'bars.db'),
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.#process.stdout, this.#process.stderr]) stream.on('data', (chunk) => this.#output.push(chunk));
    this.#exit = new Promise((done) => this.#process.once('exit', (code, signal) => done({ code, signal })));
    await this.#waitHealthy(healthTimeoutMs);
  }

  async #waitHealthy(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    this.#exit.then(() => { exited = true; });
    while (Date.now() < deadline && !exited) {
      try {
        const response = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 250));
    }
    await this.stop();
    throw new Error(`gateway on ${this.baseUrl} was not healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Freezes the process (SIGSTOP): its sockets stay open but nothing answers, like a lost network. */
  pause() {
    this.#process.kill('SIGSTOP');
  }

  resume() {
    this.#process.kill('SIGCONT');
  }

  /** Ctrl-C, as an operator stops it; killed if it has not exited within the timeout. */
  async stop(timeoutMs = 15_000) {
    if (!this.#process || this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    this.#process.kill('SIGCONT'); // a paused process would not see the SIGINT
    this.#process.kill('SIGINT');
    const timer = new Promise((done) => setTimeout(done, timeoutMs, 'timeout'));
    if (await Promise.race([this.#exit, timer]) === 'timeout') {
      this.#process.kill('SIGKILL');
      await this.#exit;
    }
    rmSync(this.#storeDir, { recursive: true, force: true });
  }
}
