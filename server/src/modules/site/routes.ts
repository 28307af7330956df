import type { App } from '../../types.js';

export default async function siteRoutes(_app: App) {}
