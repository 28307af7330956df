import { accountEntries } from './accounts.js';
import { contentEntries } from './content.js';
import { networkingEntries } from './networking.js';
import { NO_PERSONAL_DATA, staffEntries } from './staff.js';
import { signInAndImportEntries } from './sign-in-and-import.js';
import { readingEntries } from './reading.js';
import type { RegisterEntry } from './types.js';

export { NO_PERSONAL_DATA };
export * from './types.js';

export const REGISTER: RegisterEntry[] = [...accountEntries, ...contentEntries, ...networkingEntries, ...staffEntries, ...signInAndImportEntries, ...readingEntries];
