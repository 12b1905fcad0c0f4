/**
 * A progress bar on standard error for long work: drawn in place on a terminal, printed every tenth
 * on anything else (CI logs), and silent when nothing is to be done.
 */
export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #stream: NodeJS.WriteStream;
  #done = 0;
  #lastTenth = -1;

  constructor(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.#label = label;
    this.#total = total;
    this.#stream = stream;
  }

  advance(by = 1): void {
    this.#done = Math.min(this.#total, this.#done + by);
    if (this.#total === 0) return;
    const fraction = this.#done / this.#total;
    if (this.#stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.#stream.write(
        `\r${this.#label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor(fraction * 100)}%`,
      );
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.#stream.write(`${this.#label}: ${tenth * 10}%\n`);
    }
  }

  finish(): void {
    if (this.#stream.isTTY && this.#total > 0) this.#stream.write('\n');
  }
}
