// Opens the chart page and observes it from outside: console errors, requests, and every WebSocket
// message the page receives, recorded in the page beside the state it publishes (window.chartState),
// so one evaluate() reads both at the same instant.

// Runs in the page before its scripts: wraps WebSocket so each socket's URL, messages and close are kept: the
// candle sockets in window.__sockets, the trades and quotes stream's (/v2/{feed}) in window.__tapeSockets.
function recordSockets() {
  const sockets = [];
  const tapeSockets = [];
  window.__sockets = sockets;
  window.__tapeSockets = tapeSockets;
  const Native = window.WebSocket;
  window.WebSocket = class RecordedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      // Times in ms on the page's clock: when the page made the socket, and when it saw it close.
      const record = { url: String(url), messages: [], closed: null, openedAt: performance.now() };
      (new URL(String(url)).pathname.startsWith('/v2/') ? tapeSockets : sockets).push(record);
      // Registered before the page sets onmessage and onclose, so an event is recorded before the page handles it.
      this.addEventListener('message', (event) => record.messages.push(JSON.parse(event.data)));
      this.addEventListener('close', (event) => { record.closed = { code: event.code, reason: event.reason, at: performance.now() }; });
    }
  };
}

export async function openChart(context, url) {
  const page = await context.newPage();
  const problems = [];
  const offsite = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const { protocol, hostname } = new URL(request.url());
    if (!['data:', 'blob:'].includes(protocol) && hostname !== '127.0.0.1') offsite.push(request.url());
  });
  await page.addInitScript(recordSockets);
  await page.goto(url);
  return new ChartPage(page, problems, offsite);
}

class ChartPage {
  constructor(page, problems, offsite) {
    this.page = page;
    /** Console errors and uncaught exceptions, in order. */
    this.problems = problems;
    /** Requests to anywhere but the gateway under test. */
    this.offsite = offsite;
  }

  /** Waits until fn(arg) is truthy in the page; fails after timeoutMs. */
  async waitFor(fn, arg, timeoutMs = 30_000) {
    try {
      await this.page.waitForFunction(fn, arg, { timeout: timeoutMs, polling: 100 });
    } catch (error) {
      throw new Error(`${error.message}\nchart state: ${JSON.stringify(await this.summary())}`);
    }
  }

  /** window.chartState, with how many sockets the page has opened. */
  async summary() {
    return this.page.evaluate(() => ({
      ...window.chartState,
      first: window.chartState?.first?.timestamp,
      last: window.chartState?.last?.timestamp,
      sockets: window.__sockets.map((socket) => ({ url: socket.url, closed: socket.closed, messages: socket.messages.length })),
    }));
  }

  /** The page's state and the recorded sockets, read together. */
  async observe() {
    return this.page.evaluate(() => ({ state: window.chartState, sockets: window.__sockets, tapeSockets: window.__tapeSockets }));
  }

  async close() {
    await this.page.close();
  }
}

/** Tests read the page the way it is meant to be read: through window.chartState. */
export const isConnected = (loads) => window.chartState?.connection === 'connected' && window.chartState.historyLoads >= loads;
