// Claim users (SPEC §5): free accounts whose email is in a verified domain of the customer move
// into it without a consent step — the customer has proven the domain. At most 250 at once (the
// UI), any number by CSV (in chunks of 250). Never users of another customer, and never into or
// out of an organization whose users a directory (sync) or an identity provider (SSO) owns.
import { sql } from 'kysely';
import type { AppError } from '../../domain/errors.ts';
import { conflict, validationFailed } from '../../domain/errors.ts';
import { normalizeHeader, type FileIssue } from '../../domain/csv/map-header.ts';
import { readEmailCell } from '../../domain/csv/row-to-change.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../domain/csv/read-csv.ts';
import { readCsvTable } from '../../domain/csv/read-csv-table.ts';
import { EMAIL_COLUMN_KEY, USER_COLUMNS } from '../../domain/csv/user-columns.ts';
import { emailInDomain } from '../../domain/domains/dns-challenge.ts';
import { fileIssueMessage, type WarningDetail } from '../../domain/messages/row-messages.ts';
import { isPackageId, type PackageId } from '../../domain/packages/catalog.ts';
import { emptyUser } from '../../domain/users/user-state.ts';
import { verifiedDomains } from '../../db/repositories/customer-domains.ts';
import {
  deleteFreeAccount,
  freeAccountsByEmail,
  listClaimableAccounts,
} from '../../db/repositories/free-accounts.ts';
import { withLifecycleTables } from '../../db/repositories/lifecycle-schema.ts';
import { insertUser } from '../../db/repositories/users.ts';
import type { CustomerRow } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { addUsers, MAX_CLAIM, tooManyUsers, type AddUserResult } from '../provisioning/add-users.ts';
import { withApiField } from '../users/user-input.ts';
import { toUserView } from '../users/user-view.ts';
import { claimsCsvBytes, type ClaimsCsvFile } from './claims-csv-upload.ts';

export interface ClaimableAccountView {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
}

function directoryOwned(customer: CustomerRow): AppError | null {
  if (!customer.directory_sync_enabled && !customer.sso_enabled) return null;
  const why = customer.directory_sync_enabled ? 'directory synchronization' : 'single sign-on (SSO)';
  return conflict(
    {
      en: `Users cannot be claimed while ${why} is on: the directory owns this organization's users.`,
      nl: `Gebruikers kunnen niet worden geclaimd zolang ${customer.directory_sync_enabled ? 'directorysynchronisatie' : 'single sign-on (SSO)'} aanstaat: de directory beheert de gebruikers van deze klant.`,
    },
    [
      {
        code: customer.directory_sync_enabled ? 'claims_refused_directory_sync' : 'claims_refused_sso',
        description: `Claims are refused while ${why} is on.`,
        descriptionNl: `Claimen kan niet zolang ${customer.directory_sync_enabled ? 'directorysynchronisatie' : 'single sign-on (SSO)'} aanstaat.`,
      },
    ],
  );
}

export async function listClaimable(
  context: ServiceContext,
  customerRef: string,
  page: { after?: string | undefined; max: number },
): Promise<{ items: ClaimableAccountView[]; nextCursor: string | null }> {
  const customer = await requireCustomer(context, customerRef);
  const domains = await verifiedDomains(context.db, customer.id);
  const rows = await listClaimableAccounts(context.db, domains, {
    afterEmail: page.after?.toLowerCase() ?? null,
    limit: page.max + 1,
  });
  const items = rows
    .slice(0, page.max)
    .map((row) => ({ id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name }));
  return { items, nextCursor: rows.length > page.max ? (items.at(-1)?.email ?? null) : null };
}

export interface ClaimInput {
  readonly accountIds?: readonly string[] | undefined;
  readonly emails?: readonly string[] | undefined;
  /** Package for the claimed users; default: the customer's package template; none: no package. */
  readonly package?: PackageId | undefined;
}

export interface ClaimResult {
  readonly email: string;
  readonly result: 'claimed' | 'failed';
  readonly userId?: string;
  readonly error?: AppError;
  /**
   * What the planner warned about the claimed user (e.g. `preferred_site_missing`), in the
   * request's language, each naming the request property, as create and the batch answer them;
   * empty for a failed claim and for one without a package (nothing is planned then).
   */
  readonly warnings: readonly WarningDetail[];
}

function refused(email: string, code: string, description: string, descriptionNl: string): ClaimResult {
  return {
    email,
    result: 'failed',
    error: validationFailed([{ code, field: 'email', description, descriptionNl }]),
    warnings: [],
  };
}

/** The one answer for an email that is no claimable free account, whatever else holds it. */
function notClaimable(email: string): ClaimResult {
  return refused(
    email,
    'not_claimable',
    `${email} is not a free account in a verified domain of this organization.`,
    `${email} is geen gratis account in een geverifieerd domein van deze klant.`,
  );
}

export async function claimUsers(
  context: ServiceContext,
  customerRef: string,
  input: ClaimInput,
): Promise<ClaimResult[]> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const owned = directoryOwned(customer);
  if (owned) throw owned;
  const domains = await verifiedDomains(context.db, customer.id);
  // Only the customer's own verified domains are its business: an email outside them answers
  // `not_claimable` whether or not anybody holds it, so a claim cannot tell which emails exist
  // elsewhere in the deployment (SPEC §5 names no organization), and an account id outside them
  // is not turned into its email.
  const inVerifiedDomain = (email: string) => domains.some((domain) => emailInDomain(email, domain));
  const ids = [...new Set(input.accountIds ?? [])].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const idRows = ids.length
    ? await withLifecycleTables(context.db)
        .selectFrom('free_accounts')
        .select(['id', 'email'])
        .where('id', 'in', ids)
        .execute()
    : [];
  const emails = [
    ...new Set([
      ...(input.emails ?? []).map((e) => e.trim().toLowerCase()),
      ...idRows.map((row) => row.email.toLowerCase()).filter(inVerifiedDomain),
    ]),
  ].filter(Boolean);
  if (emails.length === 0 || emails.length > MAX_CLAIM) throw tooManyUsers(emails.length, MAX_CLAIM);

  // Emails of users of other customers are never claimable; say why when their organization's
  // directory or SSO holds them (SPEC §5: refuse accounts held by such customers).
  const heldRows = await context.db
    .selectFrom('users')
    .innerJoin('customers', 'customers.id', 'users.customer_id')
    .select([
      sql<string>`lower(users.email)`.as('email'),
      'customers.directory_sync_enabled',
      'customers.sso_enabled',
      'users.customer_id',
    ])
    .where(sql`lower(users.email)`, 'in', emails)
    .execute();
  const held = new Map(heldRows.map((row) => [row.email, row]));
  const results = new Map<string, ClaimResult>();
  const claimable: string[] = [];
  const free = await freeAccountsByEmail(context.db, emails);
  for (const email of emails) {
    const holder = held.get(email);
    if (!inVerifiedDomain(email)) {
      results.set(email, notClaimable(email));
    } else if (holder) {
      results.set(
        email,
        holder.customer_id === customer.id
          ? refused(
              email,
              'user_exists',
              'The account is already a user of this organization.',
              'Het account is al een gebruiker van deze klant.',
            )
          : holder.directory_sync_enabled || holder.sso_enabled
            ? refused(
                email,
                'held_by_directory',
                'The account belongs to an organization that manages its users with directory synchronization or SSO.',
                'Het account hoort bij een organisatie die haar gebruikers beheert met directorysynchronisatie of SSO.',
              )
            : refused(
                email,
                'held_by_customer',
                'The account belongs to another organization.',
                'Het account hoort bij een andere organisatie.',
              ),
      );
    } else if (!free.get(email) || free.get(email)?.status !== 'active') {
      results.set(email, notClaimable(email));
    } else {
      claimable.push(email);
    }
  }

  const packageId =
    input.package ??
    (customer.default_package && isPackageId(customer.default_package)
      ? customer.default_package
      : undefined);
  if (claimable.length > 0 && packageId) {
    const added: AddUserResult[] = await addUsers(
      context,
      customer.id,
      claimable.map((email) => ({
        email,
        firstName: free.get(email)?.first_name ?? undefined,
        lastName: free.get(email)?.last_name ?? undefined,
        package: packageId,
      })),
      { mode: 'claim', max: MAX_CLAIM },
      domains,
    );
    for (const result of added) {
      results.set(
        result.email,
        result.result === 'failed'
          ? { email: result.email, result: 'failed', error: result.error, warnings: [] }
          : {
              email: result.email,
              result: 'claimed',
              userId: result.user.id,
              warnings: result.warnings.map(withApiField),
            },
      );
    }
  } else if (claimable.length > 0) {
    // No package: the people join the organization as users without one (not subscribers yet).
    await context.db.transaction().execute(async (trx) => {
      for (const email of claimable) {
        const account = free.get(email);
        if (!account) continue;
        const row = await insertUser(trx, customer.id, {
          ...emptyUser(email),
          firstName: account.first_name,
          lastName: account.last_name,
        });
        await deleteFreeAccount(trx, account.id);
        await recordAudit(trx, context, {
          partnerId: customer.partner_id,
          customerId: customer.id,
          action: 'user.claim',
          targetType: 'user',
          targetId: row.id,
          after: toUserView(row, null),
        });
        results.set(email, { email, result: 'claimed', userId: row.id, warnings: [] });
      }
    });
  }
  return emails.map(
    (email) => results.get(email) ?? refused(email, 'not_claimable', 'Not claimed.', 'Niet geclaimd.'),
  );
}

/** A file error worded as the users import words it (fileIssueMessage), on the field `file`. */
function fileIssueError(issue: FileIssue): AppError {
  const message = { en: fileIssueMessage(issue, 'en'), nl: fileIssueMessage(issue, 'nl') };
  return validationFailed(
    [{ code: issue.code, field: 'file', description: message.en, descriptionNl: message.nl }],
    message,
  );
}

/**
 * The headers of the email column, best first, as normalizeHeader reads a header: the user CSV's
 * (SPEC §6, English and Dutch) and the plain `email` / `e-mail`.
 */
const EMAIL_HEADERS: readonly string[] = [
  ...USER_COLUMNS.filter((column) => column.key === EMAIL_COLUMN_KEY).flatMap((column) => [
    normalizeHeader(column.english),
    normalizeHeader(column.dutch),
  ]),
  'email',
  'e-mail',
];

/**
 * The emails of the file's email column, read by the users import's reader (read-csv-table.ts):
 * its encodings, delimiters, line ends, quoting and blank rows (SPEC §6), and its file issues
 * (empty_file, binary_file, malformed_csv) worded as the import words them, not a 200 of no
 * claims or a 500. The column is looked for in the header, not in a first record: a header-only
 * file without an email column is refused, as the users import refuses it, where a header-only
 * one with it claims nobody.
 */
async function claimsCsvEmails(file: Uint8Array, maxBytes: number): Promise<string[]> {
  const table = await readCsvTable(file, { maxBytes });
  if (!table.ok) throw fileIssueError(table.error);
  const headers = table.headers.map(normalizeHeader);
  const column = EMAIL_HEADERS.map((name) => headers.indexOf(name)).find((index) => index >= 0);
  if (column === undefined) {
    throw validationFailed([
      {
        code: 'email_column_missing',
        description: 'The file needs a "User ID/Email (Required)" or "email" column.',
        descriptionNl: 'Het bestand heeft een kolom "Gebruikers-ID/e-mail (verplicht)" of "email" nodig.',
      },
    ]);
  }
  return [
    ...new Set(
      // As the users import reads an email cell: one the export's formula guard wrote (`'-john@…`)
      // without its `'`, trimmed and lower-cased.
      table.records.map((record) => readEmailCell(record.cell(column))).filter(Boolean),
    ),
  ];
}

/** Any number of emails from a CSV (a `User ID/Email (Required)` or `email` column), 250 at a time. */
export async function claimUsersFromCsv(
  context: ServiceContext,
  customerRef: string,
  file: ClaimsCsvFile,
  packageId?: PackageId,
  maxBytes: number = DEFAULT_MAX_FILE_BYTES,
): Promise<ClaimResult[]> {
  // Tenant and role first: even an empty file must not answer for another partner's customer.
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const owned = directoryOwned(customer);
  if (owned) throw owned;
  const emails = await claimsCsvEmails(await claimsCsvBytes(file, maxBytes), maxBytes);
  const results: ClaimResult[] = [];
  for (let start = 0; start < emails.length; start += MAX_CLAIM) {
    results.push(
      ...(await claimUsers(context, customer.id, {
        emails: emails.slice(start, start + MAX_CLAIM),
        package: packageId,
      })),
    );
  }
  return results;
}
