// Kysely's view of the tables in migrations/. Keep in step with the SQL: one interface a table.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface ProvisioningError {
  code: string;
  description: string;
  /** Dutch text of `description`, where the writer gave one (customer provisioning errors). */
  descriptionNl?: string;
}

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  default_language: Generated<string>;
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CustomerStatus =
  'provisioning' | 'provisioned' | 'provisioned_with_errors' | 'error' | 'updating' | 'deleting';

export type ImportBehaviour = 'add-only' | 'add-remove';

export interface CustomersTable {
  id: Generated<string>;
  partner_id: string;
  name: string;
  external_id: string;
  admin_email: string;
  country: string;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state_or_province: string | null;
  zip_code: string | null;
  language: Generated<string>;
  status: ColumnType<CustomerStatus, CustomerStatus | undefined, CustomerStatus>;
  errors: Json<ProvisioningError[]>;
  default_package: string | null;
  auto_assign_basic_licences: Generated<boolean>;
  default_preferred_webex_site: string | null;
  extension_length: Generated<number>;
  default_import_behaviour: ColumnType<ImportBehaviour, ImportBehaviour | undefined, ImportBehaviour>;
  directory_sync_enabled: Generated<boolean>;
  sso_enabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerPackagesTable {
  customer_id: string;
  package_id: string;
  limit: number | null;
}

/** The five roles of SPEC §1, as the admin_accounts and api_tokens check constraints list them. */
export const ROLES = [
  'operator',
  'partner_full_admin',
  'partner_readonly_admin',
  'customer_full_admin',
  'customer_readonly_admin',
] as const;

export type Role = (typeof ROLES)[number];

export interface AdminAccountsTable {
  id: Generated<string>;
  partner_id: string;
  customer_id: string | null;
  email: string;
  display_name: string | null;
  role: Role;
  password_hash: string | null;
  status: ColumnType<'invited' | 'active' | 'disabled', 'invited' | 'active' | 'disabled' | undefined>;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  admin_id: string;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  partner_id: string;
  customer_id: string | null;
  created_by: string | null;
  /** The token this one was created with (migration 0022, ADR 0085); null when made by a person. */
  created_by_token_id: Generated<string | null>;
  name: string;
  role: Role;
  token_hash: string;
  prefix: string;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface LocationsTable {
  id: Generated<string>;
  customer_id: string;
  name: string;
  country: string;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state_or_province: string | null;
  zip_code: string | null;
  time_zone: string;
  language: string | null;
  /** Moved by every update (migration 0025): the admin API's ETag (ADR 0092). */
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PhoneNumbersTable {
  customer_id: string;
  location_id: string;
  e164: string;
  created_at: Timestamp;
}

export type UserStatus = 'provisioned' | 'pending_user_migration' | 'error';

export interface UsersTable {
  id: Generated<string>;
  customer_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  title: string | null;
  department: string | null;
  manager: string | null;
  package: string | null;
  attendant_console: Generated<boolean>;
  basic_messaging: Generated<boolean>;
  basic_space_meetings: Generated<boolean>;
  calling_from_webex: Generated<boolean>;
  jabber_calling: boolean | null;
  jabber_webex_teams: boolean | null;
  preferred_webex_site: string | null;
  preferred_language: string | null;
  time_zone: string | null;
  location_id: string | null;
  extension: string | null;
  phone_number: string | null;
  caller_id_number: string | null;
  caller_id_first_name: string | null;
  caller_id_last_name: string | null;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  errors: Json<ProvisioningError[]>;
  suspended: Generated<boolean>;
  last_service_accessed_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  partner_id: string | null;
  customer_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: NullableJson<Record<string, unknown>>;
  after: NullableJson<Record<string, unknown>>;
  request_id: string | null;
  job_id: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<string>;
  seq: Generated<number>;
  kind: string;
  version: Generated<number>;
  payload: Json<Record<string, unknown>>;
  queue_key: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface OutboxEmailsTable {
  id: Generated<string>;
  partner_id: string | null;
  customer_id: string | null;
  to_address: string;
  template: string;
  subject: string;
  body_text: string;
  status: ColumnType<
    'pending' | 'sent' | 'failed' | 'stored',
    'pending' | 'sent' | 'failed' | 'stored' | undefined
  >;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export type ActionTokenPurpose = 'invite' | 'password_reset' | 'email_verification' | 'consent';

export interface ActionTokensTable {
  token_hash: string;
  purpose: ActionTokenPurpose;
  subject_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface DeploymentSettingsTable {
  key: string;
  value: string;
  created_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  partners: PartnersTable;
  customers: CustomersTable;
  customer_packages: CustomerPackagesTable;
  admin_accounts: AdminAccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  locations: LocationsTable;
  phone_numbers: PhoneNumbersTable;
  users: UsersTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  outbox_emails: OutboxEmailsTable;
  action_tokens: ActionTokensTable;
  schema_migrations: SchemaMigrationsTable;
  deployment_settings: DeploymentSettingsTable;
}

export type PartnerRow = Selectable<PartnersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type AdminAccountRow = Selectable<AdminAccountsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type LocationRow = Selectable<LocationsTable>;
export type PhoneNumberRow = Selectable<PhoneNumbersTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type JobRow = Selectable<JobsTable>;
