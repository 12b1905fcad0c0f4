import { SparqlRefusal } from './errors.js';

/**
 * Bounds the queries that run at once: up to `running` at a time, up to `waiting` more in line (first
 * come, first served, each for at most its own wait), and any beyond refused at once with 503 and
 * Retry-After, so that a burst costs the server a queue of bounded length, never unbounded work.
 */
export class Admission {
  #running = 0;
  readonly #line: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  /** Waits for a turn (at most `maxWaitMs`) and returns the function that ends it. */
  async enter(maxWaitMs: number): Promise<() => void> {
    if (this.#running < this.running) {
      this.#running += 1;
      return this.#exit();
    }
    if (this.#line.length >= this.waiting) throw this.#busy();
    await new Promise<void>((resolve, reject) => {
      const place = {
        admit: () => {
          clearTimeout(place.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.#line.splice(this.#line.indexOf(place), 1);
          reject(this.#busy());
        }, maxWaitMs),
      };
      this.#line.push(place);
    });
    return this.#exit();
  }

  #exit(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.#line.shift();
      // The turn passes straight to the next in line; the count of running queries stays the same.
      if (next) next.admit();
      else this.#running -= 1;
    };
  }

  #busy(): SparqlRefusal {
    return new SparqlRefusal(
      'TOO_MANY_QUERIES',
      `The endpoint is answering as many queries as it can (${this.running} at once, ${this.waiting} waiting); try again shortly.`,
      1,
    );
  }
}
