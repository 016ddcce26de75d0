import { reconnectDelay } from './backoff.js';

// The symbol's trades and quotes from the gateway's Alpaca-compatible stream (docs/alpaca-compatibility.md):
// the newest trade and the newest quote, for the header beside the candles. The candles do not depend on it:
// if the stream refuses (a key it does not accept, a plan without the channel), the header simply shows none.

// The feed the simulator's data is served as (Gateway/AlpacaApi/ServedFeed.cs); any other source's feed is its name.
const SIMULATOR_FEED = 'sim';
const SIMULATOR_SERVED_AS = 'iex';

export class TapeFeed {
  #onChange;
  #apiKey;
  #delay;
  #symbol = null;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #feedPath = null;

  /** `apiKey` is the page's "KEYID:SECRET", sent in the stream's auth message; a gateway without keys takes any. */
  constructor(onChange, { apiKey = null, delay = reconnectDelay } = {}) {
    this.#onChange = onChange;
    this.#apiKey = apiKey;
    this.#delay = delay;
  }

  /** Follows a symbol's trades and quotes, replacing any symbol followed before. */
  open(symbol) {
    this.#teardown();
    this.#symbol = symbol;
    this.#attempt = 0;
    this.#onChange({ trade: null, quote: null });
    this.#connect();
  }

  async #connect() {
    const symbol = this.#symbol;
    this.#feedPath ??= await servedFeedPath();
    if (symbol !== this.#symbol || this.#socket) return;
    const url = new URL(this.#feedPath, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.#socket = socket;
    const [key, secret] = this.#apiKey ? this.#apiKey.split(':') : ['chart-page', 'chart-page'];
    let refused = false;
    let state = { trade: null, quote: null };
    // One action a message, as Alpaca's stream takes them; the session reads them in order.
    socket.onopen = () => {
      socket.send(JSON.stringify({ action: 'auth', key, secret }));
      socket.send(JSON.stringify({ action: 'subscribe', trades: [symbol], quotes: [symbol] }));
    };
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return;
      for (const message of parseArray(event.data)) {
        if (message.T === 't' && message.S === symbol) state = { ...state, trade: message };
        else if (message.T === 'q' && message.S === symbol) state = { ...state, quote: message };
        else if (message.T === 'error') refused = true;
        else continue;
        this.#attempt = 0;
      }
      this.#onChange(state);
    };
    socket.onclose = () => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      // A refusal (auth, feed, channel) is not retried: the same request would be refused again.
      if (refused) return;
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.#connect();
      }, this.#delay(this.#attempt++));
    };
  }

  #teardown() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket?.readyState === WebSocket.OPEN) socket.close(1000, 'client switched symbol');
    else if (socket?.readyState === WebSocket.CONNECTING) socket.onopen = () => socket.close(1000, 'client switched symbol');
  }
}

/** The stream's path, /v2/{feed}, from the feed /api/health names. */
async function servedFeedPath() {
  try {
    const health = await (await fetch('/api/health')).json();
    const feed = health.feed === SIMULATOR_FEED ? SIMULATOR_SERVED_AS : health.feed;
    return `/v2/${feed || SIMULATOR_SERVED_AS}`;
  } catch {
    return `/v2/${SIMULATOR_SERVED_AS}`;
  }
}

function parseArray(text) {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [value];
  } catch {
    return [];
  }
}
