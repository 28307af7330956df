import type { App } from '../../types.js';

export default async function accountsRoutes(_app: App) {}
