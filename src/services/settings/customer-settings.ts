// Settings of a customer (SPEC §2): default package template for new users, auto-assign basic
// licences, default preferred Webex site, extension length (2–10), default import behaviour.
// Every change is audited with before and after.
import { sql } from 'kysely';
import { conflict, validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { packageDisplayName, type PackageId } from '../../domain/packages/catalog.ts';
import { listCustomerPackages, lockCustomer, updateCustomer } from '../../db/repositories/customers.ts';
import type { CustomerRow, ImportBehaviour } from '../../db/schema.ts';
import { assertCanWrite, customerScope } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertExpectedVersion, type ExpectedVersions } from '../concurrency/edit-version.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { counted, isSingular } from '../../domain/messages/counted.ts';

/** How many of the users holding an extension of another length a refusal names. */
const NAMED_HOLDERS = 3;

export interface CustomerSettings {
  readonly defaultPackage: PackageId | null;
  readonly autoAssignBasicLicences: boolean;
  readonly defaultPreferredWebexSite: string | null;
  readonly extensionLength: number;
  readonly defaultImportBehaviour: ImportBehaviour;
}

export type CustomerSettingsPatch = Partial<CustomerSettings>;

export function toSettings(row: CustomerRow): CustomerSettings {
  return {
    defaultPackage: (row.default_package as PackageId | null) ?? null,
    autoAssignBasicLicences: row.auto_assign_basic_licences,
    defaultPreferredWebexSite: row.default_preferred_webex_site,
    extensionLength: row.extension_length,
    defaultImportBehaviour: row.default_import_behaviour,
  };
}

export async function getCustomerSettings(
  context: ServiceContext,
  customerRef: string,
): Promise<CustomerSettings> {
  return (await getVersionedCustomerSettings(context, customerRef)).settings;
}

/**
 * The settings with the version of the customer's row they were read at: the admin API's ETag
 * (ADR 0092). The settings are columns of that row, so they share its version (no column of their
 * own): every write of the customer moves it (updateCustomer).
 */
export interface VersionedCustomerSettings {
  readonly settings: CustomerSettings;
  readonly version: number;
}

export async function getVersionedCustomerSettings(
  context: ServiceContext,
  customerRef: string,
): Promise<VersionedCustomerSettings> {
  const row = await requireCustomer(context, customerRef);
  return { settings: toSettings(row), version: row.version };
}

export async function updateCustomerSettings(
  context: ServiceContext,
  customerRef: string,
  patch: CustomerSettingsPatch,
): Promise<CustomerSettings> {
  return (await updateVersionedCustomerSettings(context, customerRef, patch)).settings;
}

/**
 * updateCustomerSettings, refused with 412 when the customer's version is not one of
 * `expectedVersions` (compared under the customer's row lock, before anything is written or
 * audited); answers the version after the change.
 */
export async function updateVersionedCustomerSettings(
  context: ServiceContext,
  customerRef: string,
  patch: CustomerSettingsPatch,
  expectedVersions?: ExpectedVersions,
): Promise<VersionedCustomerSettings> {
  assertCanWrite(context.actor);
  const found = await requireCustomer(context, customerRef);
  if (patch.extensionLength !== undefined && (patch.extensionLength < 2 || patch.extensionLength > 10)) {
    throw validationFailed([
      {
        code: 'invalid_extension_length',
        field: 'extensionLength',
        description: 'The extension length is 2 to 10 digits.',
        descriptionNl: 'Een toestelnummer heeft 2 tot en met 10 cijfers.',
      },
    ]);
  }
  return context.db.transaction().execute(async (trx) => {
    const existing = await lockCustomer(trx, customerScope(context.actor), found.id);
    if (!existing) throw validationFailed([]);
    assertExpectedVersion(expectedVersions, existing.version, 'settings');
    const details: ErrorDetail[] = [];
    if (patch.defaultPackage) {
      const sold = await listCustomerPackages(trx, [existing.id]);
      if (!sold.some((entry) => entry.package_id === patch.defaultPackage)) {
        details.push({
          code: 'package_not_sold',
          field: 'defaultPackage',
          description: `The customer was not sold ${packageDisplayName(patch.defaultPackage, 'en')}.`,
          descriptionNl: `${packageDisplayName(patch.defaultPackage, 'nl')} is niet aan deze klant verkocht.`,
        });
      }
    }
    if (details.length > 0) throw validationFailed(details);
    if (patch.extensionLength !== undefined && patch.extensionLength !== existing.extension_length) {
      // Extensions already given out keep their length: a new length would make them invalid.
      const holders = trx
        .selectFrom('users')
        .where('customer_id', '=', existing.id)
        .where('extension', 'is not', null)
        .where(sql<boolean>`length(extension) <> ${patch.extensionLength}`);
      const other = await holders.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
      if (other.count > 0) {
        // The first few by email, so the admin knows where to start (all of them: an export).
        const named = await holders.select('email').orderBy('email').limit(NAMED_HOLDERS).execute();
        const list = (language: 'en' | 'nl') => {
          const rest = other.count - named.length;
          const emails = named.map((holder) => holder.email).join(', ');
          if (rest === 0) return emails;
          return language === 'nl' ? `${emails} en ${rest} meer` : `${emails} and ${rest} more`;
        };
        throw conflict(
          {
            en: `${counted(other.count, 'en', 'user has an extension', 'users have extensions')} of another length (${list('en')}); change ${isSingular(other.count, 'en') ? 'it' : 'those'} first.`,
            nl: `${counted(other.count, 'nl', 'gebruiker heeft een toestelnummer', 'gebruikers hebben toestelnummers')} van een andere lengte (${list('nl')}); wijzig ${isSingular(other.count, 'nl') ? 'dat' : 'die'} eerst.`,
          },
          [
            {
              code: 'extension_length_in_use',
              field: 'extensionLength',
              description: `Users hold extensions of another length: ${list('en')}.`,
              descriptionNl: `Gebruikers hebben toestelnummers van een andere lengte: ${list('nl')}.`,
            },
          ],
        );
      }
    }
    const row = await updateCustomer(trx, existing.id, {
      ...(patch.defaultPackage !== undefined ? { default_package: patch.defaultPackage } : {}),
      ...(patch.autoAssignBasicLicences !== undefined
        ? { auto_assign_basic_licences: patch.autoAssignBasicLicences }
        : {}),
      ...(patch.defaultPreferredWebexSite !== undefined
        ? { default_preferred_webex_site: patch.defaultPreferredWebexSite?.trim() || null }
        : {}),
      ...(patch.extensionLength !== undefined ? { extension_length: patch.extensionLength } : {}),
      ...(patch.defaultImportBehaviour !== undefined
        ? { default_import_behaviour: patch.defaultImportBehaviour }
        : {}),
    });
    const before = toSettings(existing);
    const after = toSettings(row);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.id,
      action: 'customer.settings.update',
      targetType: 'customer',
      targetId: row.id,
      before,
      after,
    });
    return { settings: after, version: row.version };
  });
}
