import { reconnectDelay } from './backoff.js';

// Bars of history asked for on each (re)connect: enough to fill a wide screen.
const HISTORY_LIMIT = 500;

// Close statuses that mean "this request is wrong" (docs/api.md, close statuses): retrying the same
// symbol and timeframe cannot help. 1008 also closes a client that read too slowly, but that happens
// only after history arrived, and then reconnecting is right.
const REQUEST_ERRORS = new Set([1003, 1007, 1008, 1009]);
const UNKNOWN_SYMBOL = 4404;
// No valid client key: retrying with the same key cannot help either.
const UNAUTHORIZED = 4001;

/**
 * One live candle subscription over /ws/candles/{symbol}. Reports history, live bars and its
 * connection state through callbacks, and reconnects with backoff whenever the socket is lost
 * (gateway restart, network loss, a silent half-open connection) unless the server said the
 * request itself is bad.
 */
export class CandleFeed {
  #handlers;
  #options;
  #request = null;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #lastHeard = 0;
  #retryNote = null;

  /** `apiKey` ("KEYID:SECRET") is sent as a query parameter: browsers cannot set headers on a WebSocket. */
  constructor(handlers, { pingIntervalMs = 15000, silenceLimitMs = 40000, delay = reconnectDelay, apiKey = null } = {}) {
    this.#handlers = handlers;
    this.#options = { pingIntervalMs, silenceLimitMs, delay, apiKey };
  }

  /** Subscribes to a symbol and timeframe, replacing any current subscription. */
  open(symbol, timeframe) {
    this.#teardown();
    this.#request = { symbol, timeframe };
    this.#attempt = 0;
    this.#connect('connecting');
  }

  close() {
    this.#teardown();
    this.#request = null;
  }

  #connect(state) {
    const { symbol, timeframe } = this.#request;
    const url = new URL(`/ws/candles/${encodeURIComponent(symbol)}`, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({ timeframe, limit: String(HISTORY_LIMIT) });
    if (this.#options.apiKey) query.set('apiKey', this.#options.apiKey);
    url.search = query.toString();

    this.#report(state, state === 'reconnecting' ? this.#retryNote : null);
    const socket = new WebSocket(url);
    this.#socket = socket;
    let historyReceived = false;
    let serverError = null;

    // Started before the socket opens, so a connect attempt that hangs is given up like a silent socket.
    this.#lastHeard = Date.now();
    this.#pingTimer = setInterval(() => this.#checkAlive(socket), this.#options.pingIntervalMs);
    socket.onopen = () => {
      this.#lastHeard = Date.now();
    };
    socket.onmessage = (event) => {
      // Messages of a socket this feed has moved on from (another symbol, a reconnect) are stale.
      if (socket !== this.#socket) return;
      this.#lastHeard = Date.now();
      const message = parse(event.data);
      if (message?.type === 'historical') {
        historyReceived = true;
        this.#attempt = 0;
        this.#report('connected', null);
        this.#handlers.onHistory(message);
      } else if (message?.type === 'bar' && historyReceived) {
        this.#handlers.onBar(message);
      } else if (message?.type === 'error') {
        serverError = message.message;
      }
    };
    // A failed connect fires "error" and then "close"; the close handler decides what follows.
    socket.onclose = (event) => {
      if (socket !== this.#socket) return;
      this.#dropSocket();
      const badRequest = event.code === UNKNOWN_SYMBOL || event.code === UNAUTHORIZED
        || (!historyReceived && REQUEST_ERRORS.has(event.code));
      if (badRequest) {
        this.#report('error', serverError ?? `the gateway refused ${symbol} ${timeframe} (close ${event.code})`);
      } else {
        this.#scheduleReconnect(serverError);
      }
    };
  }

  #scheduleReconnect(serverError) {
    const delayMs = this.#options.delay(this.#attempt++);
    this.#retryNote = serverError ?? 'connection lost; reconnecting';
    this.#report('reconnecting', this.#retryNote);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#connect('reconnecting');
    }, delayMs);
  }

  // Browsers do not surface WebSocket ping frames, and a connection whose peer vanished without a
  // close can stay "open" for minutes. An application ping gets a pong from a live gateway; when
  // nothing at all arrives for too long (or a connect attempt hangs that long), the connection is
  // treated as lost.
  #checkAlive(socket) {
    if (socket !== this.#socket) return;
    if (Date.now() - this.#lastHeard > this.#options.silenceLimitMs) {
      this.#dropSocket();
      socket.close();
      this.#scheduleReconnect(null);
    } else if (socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ action: 'ping' }));
    }
  }

  #dropSocket() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    this.#socket = null;
  }

  #teardown() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#dropSocket();
    if (socket?.readyState === WebSocket.OPEN) socket.close(1000, 'client switched subscription');
    // Closing a socket that is still connecting makes the browser log an error; let it open first.
    else if (socket?.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000, 'client switched subscription');
  }

  #report(state, message) {
    this.#handlers.onStatus({ state, message, request: { ...this.#request } });
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
