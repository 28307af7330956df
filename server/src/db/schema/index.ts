export * from './accounts.js';
export * from './communities.js';
export * from './posts.js';
export * from './site.js';
export * from './polls.js';
export * from './dossiers.js';
export * from './questions.js';
export * from './calendar.js';
