import type { App } from '../../types.js';
import passwordSignInRoutes from './password-routes.js';
import proconnectSignInRoutes from './proconnect-routes.js';

export default async function signInRoutes(app: App) {
  await app.register(passwordSignInRoutes);
  await app.register(proconnectSignInRoutes);
}
