// Sign-in for the web app: email + password -> an opaque session id (stored hashed) and the CSRF
// token the app echoes on writes. Wrong email, wrong password, a disabled account and a customer
// admin whose user the directory suspended all answer the same 401, so sign-in cannot tell which
// emails have accounts. Failed sign-ins are also limited per email address (ADR 0082): over the
// limit an attempt answers 429 before the account is looked up or any password verified.
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import { findAdminByEmail, updateAdmin } from '../../db/repositories/admins.ts';
import { deleteSession, insertSession } from '../../db/repositories/credentials.ts';
import { isAdminSuspendedByDirectory } from '../../db/repositories/directory-suspension.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { toAdminView, type AdminView } from '../admins/admin-view.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { SESSION_PREFIX, hashToken, randomToken } from './secrets.ts';
import {
  countSignInAttempt,
  forgetSignInFailures,
  type SignInAccountLimit,
} from './sign-in-account-limit.ts';

export interface SignedIn {
  readonly admin: AdminView;
  readonly csrfToken: string;
  /** The cookie value; shown to nobody else and stored only as its hash. */
  readonly sessionToken: string;
}

export function invalidCredentials(): AppError {
  return new AppError('unauthenticated', {
    en: 'The email address or password is not correct.',
    nl: 'Het e-mailadres of wachtwoord is niet juist.',
  });
}

// Verifying against a real hash when the account does not exist keeps the answer time alike.
let decoyHash: Promise<string> | undefined;

export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; ttlHours: number; accountLimit: SignInAccountLimit },
): Promise<SignedIn> {
  await countSignInAttempt(db, input.email, input.accountLimit);
  const admin = await findAdminByEmail(db, input.email);
  decoyHash ??= hashPassword('decoy-password-never-used');
  const storedHash = admin?.password_hash ?? null;
  const valid = await verifyPassword(storedHash ?? (await decoyHash), input.password);
  if (!admin || storedHash === null || !valid || admin.status !== 'active') throw invalidCredentials();
  if (await isAdminSuspendedByDirectory(db, admin.id)) throw invalidCredentials();
  const sessionToken = randomToken(SESSION_PREFIX);
  const csrfToken = randomToken('', 24);
  const updated = await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: hashToken(sessionToken),
      adminId: admin.id,
      csrfToken,
      ttlHours: input.ttlHours,
    });
    await forgetSignInFailures(trx, input.email);
    return updateAdmin(trx, admin.id, { lastLoginAt: true });
  });
  return { admin: toAdminView(updated), csrfToken, sessionToken };
}

export async function logout(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await deleteSession(db, hashToken(sessionToken));
}

/** What `GET /v1/auth/me` shows: the signed-in account, or an API token's own grant. */
export function describeActor(actor: Actor): Omit<AdminView, 'status' | 'lastLoginAt' | 'createdAt'> {
  return {
    id: actor.id ?? '',
    email: actor.label,
    displayName: null,
    role: actor.role,
    partnerId: actor.partnerId,
    customerId: actor.customerId,
  };
}
