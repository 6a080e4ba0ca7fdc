/** One file of a person's export archive. */
export type ExportEntry =
  /** A JSON document. */
  | { path: string; json: unknown }
  /** A JSON array written page by page, so a library of any size is exported in bounded memory. */
  | { path: string; jsonPages: () => AsyncIterable<unknown[]> }
  /** A stored file of the person, decrypted as it streams into the archive. */
  | { path: string; blobKey: string; mtime: Date };

/**
 * What one module holds about a person. The export and the account purge iterate over a list of these (built by
 * server/src/personal-data.ts), so no module reads or deletes another module's tables.
 */
export interface PersonalData {
  /**
   * Tables whose rows of the person `eraseFor` deletes. The coverage test (personal-data.test.ts) fails when a
   * table of the schema is neither named here by some module nor listed as holding no personal data.
   */
  readonly tables: readonly string[];
  /**
   * Tables whose rows of the person `exportFor` writes into the archive (those of `tables` that are not here hold
   * nothing the person could use: personal-data.test.ts lists each with the reason, and fails on a table in neither).
   */
  readonly exported?: readonly string[];
  /** This module's files of the person's export, in archive order; absent when the module adds none. */
  exportFor?(userId: string): AsyncIterable<ExportEntry>;
  /** Deletes this module's data of the person. A no-op once done: an erasure cut short by a crash is run again. */
  eraseFor(userId: string): Promise<void>;
}

export const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

/** A JSON column as the export shows it: parsed, or the raw text when it is not valid JSON. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
