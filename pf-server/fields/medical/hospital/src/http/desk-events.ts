/**
 * @module Tells the open desk screens that something happened at a terminal (a visit, a check, a refusal, the
 * reader): one process serves the hospital, so an in-memory fan-out is enough; the screens then fetch their panel.
 */
export class DeskEvents {
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(): void {
    for (const listener of this.#listeners) listener();
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
