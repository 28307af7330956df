import type { App } from '../../types.js';
import authRoutes from './auth-routes.js';
import profileRoutes from './profile-routes.js';
import devicesRoutes from './devices-routes.js';

export default async function accountsRoutes(app: App) {
  await app.register(authRoutes);
  await app.register(profileRoutes);
  await app.register(devicesRoutes);
}
