// Every route module, registered once. Add one line per resource file.
import type { App } from '../app.ts';
import { customerRoutes } from './customers.ts';
import { locationRoutes } from './locations.ts';
import { numberRoutes } from './numbers.ts';
import { userRoutes } from './users.ts';
import { auditRoutes } from './audit.ts';
import { importRoutes } from './imports.ts';
import { userCsvRoutes } from './user-csv.ts';
import { authRoutes } from './auth.ts';
import { adminRoutes } from './admins.ts';
import { tokenRoutes } from './tokens.ts';
import { partnerRoutes } from './partners.ts';
import { batchUserRoutes } from './batch-users.ts';
import { userPackageRoutes } from './user-package.ts';
import { userRepairRoutes } from './user-repair.ts';
import { wholesaleRoutes } from './wholesale/wholesale-routes.ts';
import { accountRoutes } from './accounts.ts';
import { consentRoutes } from './consent.ts';
import { domainRoutes } from './domains.ts';
import { claimRoutes } from './claims.ts';
import { settingsRoutes } from './settings.ts';
import { erasureRoutes } from './erasures.ts';

export async function registerRoutes(app: App): Promise<void> {
  await app.register(customerRoutes);
  await app.register(locationRoutes);
  await app.register(numberRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(importRoutes);
  await app.register(userCsvRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  await app.register(tokenRoutes);
  await app.register(partnerRoutes);
  await app.register(batchUserRoutes);
  await app.register(userPackageRoutes);
  await app.register(userRepairRoutes);
  await app.register(wholesaleRoutes);
  await app.register(accountRoutes);
  await app.register(consentRoutes);
  await app.register(domainRoutes);
  await app.register(claimRoutes);
  await app.register(settingsRoutes);
  await app.register(erasureRoutes);
}
