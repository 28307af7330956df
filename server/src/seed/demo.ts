import type { Db } from '../db/client.js';

/** Loads the demo network on the first start of an empty database (filled in by the demo-data work). */
export async function seedDemoIfEmpty(_db: Db, _log: (msg: string) => void): Promise<void> {}
