import { escapeHtml } from './escape-html.js';

const isTableRow = (line: string): boolean => /^\|.*\|$/.test(line.trim()) && !/^\|[}-]/.test(line.trim());

const cellsOf = (row: string): string[] =>
  row
    .trim()
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());

/**
 * The header row of the table a quoted row comes from, when the source's text holds it: the first
 * line of the run of table lines around the quote, if it has as many cells and the line after it is a
 * data row (holds a digit) — a table whose header spans two lines gets no header rather than a wrong one.
 */
function headerFor(rows: readonly string[], sourceText: string | null): string[] | undefined {
  const first = rows[0];
  if (!sourceText || first === undefined) return undefined;
  const lines = sourceText.split('\n');
  const at = lines.findIndex((line) => line.trim() === first.trim());
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && isTableRow(lines[start - 1] ?? '')) start -= 1;
  if (start === at) return undefined;
  const header = cellsOf(lines[start] ?? '');
  const second = lines[start + 1] ?? '';
  if (header.length !== cellsOf(first).length || !/\d/.test(second)) return undefined;
  return header;
}

/**
 * A quotation as a reader should see it: sentences as a block quote, rows quoted from a table (written
 * `| a | b |` in the source's text) as a small table, with the table's header where it can be found.
 */
export function renderQuote(quote: string, sourceText: string | null): string {
  const rows = quote.split('\n').filter((line) => line.trim() !== '');
  if (rows.length === 0 || !rows.every(isTableRow)) return `<blockquote>${escapeHtml(quote)}</blockquote>`;
  const header = headerFor(rows, sourceText);
  const head = header
    ? `<thead><tr>${header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead>`
    : '';
  const body = rows
    .map(
      (row) =>
        `<tr>${cellsOf(row)
          .map((cell) => `<td>${escapeHtml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<blockquote class="table-quote"><div class="table-scroll"><table class="mini-table">${head}<tbody>${body}</tbody></table></div></blockquote>`;
}
