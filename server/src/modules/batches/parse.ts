import { AppError } from '../../http/errors.js';

/** A row of an uploaded batch file: its fields as written, and the line it starts on (for error messages). */
export interface RawRow {
  line: number;
  fields: Record<string, unknown>;
}

export const MAX_BATCH_ROWS = 1000;

export const badLine = (line: number, message: string, field?: string) =>
  new AppError('VALIDATION_FAILED', `Line ${line}: ${message}`, { line, ...(field ? { field } : {}) });

/** JSONL when the name ends in .jsonl/.ndjson or the text starts with `{`; CSV (with a header row) otherwise. */
export function parseBatchFile(fileName: string, text: string): RawRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const rows = /\.(jsonl|ndjson)$/i.test(fileName) || body.trimStart().startsWith('{') ? parseJsonl(body) : parseCsv(body);
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', 'The file has no rows: write one prompt per row.', { field: 'file' });
  if (rows.length > MAX_BATCH_ROWS) {
    throw new AppError('VALIDATION_FAILED', `A batch holds at most ${MAX_BATCH_ROWS} rows (this file has ${rows.length}); split it.`, { field: 'file' });
  }
  return rows;
}

function parseJsonl(text: string): RawRow[] {
  const rows: RawRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw badLine(i + 1, 'this is not valid JSON: write one JSON object per line.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badLine(i + 1, 'write a JSON object, e.g. {"prompt": "…"}.');
    rows.push({ line: i + 1, fields: value as Record<string, unknown> });
  });
  return rows;
}

/** RFC 4180: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): RawRow[] {
  const records = csvRecords(text);
  const header = records.shift();
  if (!header) return [];
  const names = header.cells.map((c) => c.trim().toLowerCase());
  if (!names.includes('prompt') && !names.includes('workflow')) throw badLine(header.line, 'the header row must name a "prompt" (or "workflow") column.', 'prompt');
  return records
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      if (r.cells.length > names.length) throw badLine(r.line, `this row has ${r.cells.length} cells but the header names ${names.length} columns.`);
      const fields: Record<string, unknown> = {};
      names.forEach((name, i) => {
        const cell = r.cells[i]?.trim();
        if (name && cell) fields[name] = cell;
      });
      return { line: r.line, fields };
    });
}

function csvRecords(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = []; cell = ''; line++; start = line;
    } else cell += ch;
  }
  if (quoted) throw badLine(start, 'a quoted field is never closed.');
  if (cell !== '' || cells.length > 0) { cells.push(cell); records.push({ line: start, cells }); }
  return records;
}
