import type { App } from '../../types.js';

export default async function postsRoutes(_app: App) {}
