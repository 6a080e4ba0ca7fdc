import type { Db } from '../../../db/database.js';
import { eraseWithoutResidue } from '../../../db/erase-residue.js';
import type { PersonalData } from '../../../lib/personal-data.js';

/**
 * Removes everything of a person, module by module in `erasureOrder` (see server/src/personal-data.ts: the data key
 * first, then files, then rows, the users row last), leaving no residue in the database files. Safe to run again
 * after a crash half-way: each module's erasure is a no-op once done.
 */
export async function eraseUser(db: Db, erasureOrder: readonly PersonalData[], userId: string): Promise<void> {
  await eraseWithoutResidue(db, async () => {
    for (const owner of erasureOrder) await owner.eraseFor(userId);
  });
}
