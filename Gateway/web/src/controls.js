import { SUGGESTED_SYMBOLS, TIMEFRAMES } from './market.js';

/**
 * The symbol box (with the suggested symbols in a datalist) and the timeframe buttons.
 * Calls onChange({ symbol, timeframe }) when the user picks something different.
 */
export class Controls {
  #form;
  #input;
  #buttons;
  #current;

  constructor({ form, input, suggestions, timeframes }, initial, onChange) {
    this.#form = form;
    this.#input = input;
    this.#current = { ...initial };

    for (const symbol of SUGGESTED_SYMBOLS) suggestions.append(new Option(symbol));
    this.#buttons = TIMEFRAMES.map((timeframe) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = timeframe;
      button.dataset.timeframe = timeframe;
      button.addEventListener('click', () => this.#pick({ ...this.#current, timeframe }, onChange));
      timeframes.append(button);
      return button;
    });

    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      const symbol = normaliseSymbol(this.#input.value);
      if (symbol) this.#pick({ ...this.#current, symbol }, onChange);
    });
    // Picking a suggestion from the list should switch at once, without pressing Enter.
    this.#input.addEventListener('change', () => this.#form.requestSubmit());
    this.show(this.#current);
  }

  show({ symbol, timeframe }) {
    this.#current = { symbol, timeframe };
    this.#input.value = symbol;
    for (const button of this.#buttons) button.setAttribute('aria-pressed', String(button.dataset.timeframe === timeframe));
  }

  #pick(next, onChange) {
    if (next.symbol === this.#current.symbol && next.timeframe === this.#current.timeframe) return;
    this.show(next);
    onChange(next);
  }
}

export function normaliseSymbol(text) {
  return (text ?? '').trim().toUpperCase();
}

// The gateway accepts timeframes in any case; showing them as its own names keeps the buttons in step.
// Anything unrecognised is passed through so the gateway can say what is wrong with it.
export function normaliseTimeframe(text, fallback) {
  if (!text) return fallback;
  return TIMEFRAMES.find((timeframe) => timeframe.toLowerCase() === text.toLowerCase()) ?? text;
}
