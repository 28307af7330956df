import type { App } from '../../types.js';

export default async function communitiesRoutes(_app: App) {}
