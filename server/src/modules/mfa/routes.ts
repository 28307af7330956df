import type { App } from '../../types.js';
import accountRoutes from './account-routes.js';
import adminRoutes from './admin-routes.js';
import passkeyRoutes from './passkey-routes.js';
import signInRoutes from './signin-routes.js';

export default async function mfaRoutes(app: App) {
  await app.register(signInRoutes);
  await app.register(accountRoutes);
  await app.register(passkeyRoutes);
  await app.register(adminRoutes);
}
