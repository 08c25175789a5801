// The Wholesale API (SPEC §7) as one encapsulated plugin: its routes, and unknown routes and
// methods under its paths, answer errors in the public shape, while the admin API keeps its own.
import type { App } from '../../app.ts';
import { consentMoveRoutes } from './consent-move.ts';
import { wholesaleCustomerRoutes } from './customers.ts';
import { wholesaleNotImplementedRoutes } from './not-implemented.ts';
import { wholesalePrecheckRoutes } from './prechecks.ts';
import { sendPublicError } from './public-errors.ts';
import { refuseSubPartnerScope } from './sub-partner-scope.ts';
import { wholesaleSubscriberRoutes } from './subscribers.ts';
import { registerUnknownRoutes } from './unknown-routes.ts';

export async function wholesaleRoutes(app: App): Promise<void> {
  app.setErrorHandler((error, request, reply) => sendPublicError(request, reply, error));
  app.addHook('preHandler', refuseSubPartnerScope);
  await app.register(wholesalePrecheckRoutes);
  await app.register(wholesaleCustomerRoutes);
  await app.register(wholesaleSubscriberRoutes);
  await app.register(consentMoveRoutes);
  await app.register(wholesaleNotImplementedRoutes);
  registerUnknownRoutes(app);
}
