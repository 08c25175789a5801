// Our `{code, description}` details → the public `{errorCode, description}`: each number with a
// text of its own meaning, and the fixed public texts whatever wording a service used.
import { describe, expect, it } from 'vitest';
import {
  EMAIL_TAKEN_TEXT,
  LICENSE_UPDATE_FAILED_TEXT,
  WHOLESALE_CODES,
} from '../../../domain/provisioning/wholesale-codes.ts';
import { toPublicErrorDetail } from './public-errors.ts';

describe('toPublicErrorDetail', () => {
  it.each([
    // [our code, our description, status, public errorCode, public description]
    ['user_exists', 'Update the existing user instead.', 409, 10022, EMAIL_TAKEN_TEXT],
    ['email_taken_elsewhere', 'Row 3: taken elsewhere.', 409, 10022, EMAIL_TAKEN_TEXT],
    ['email_taken', EMAIL_TAKEN_TEXT, 400, 10022, EMAIL_TAKEN_TEXT],
    ['license_update_failed', 'Licence update failed downstream.', 409, 10031, LICENSE_UPDATE_FAILED_TEXT],
    ['customer_not_found', 'Customer not found.', 404, 10002, 'Customer not found.'],
    ['subscriber_not_found', 'Subscriber not found.', 404, 10003, 'Subscriber not found.'],
    ['not_found', 'User not found.', 404, WHOLESALE_CODES.not_found.errorCode, 'User not found.'],
    [
      'pending_user_migration',
      'The user is waiting for consent (pending_user_migration).',
      409,
      WHOLESALE_CODES.subscriber_pending_user_migration.errorCode,
      'The user is waiting for consent (pending_user_migration).',
    ],
    [
      'not_pending_user_migration',
      'The subscriber is not in pending_user_migration state.',
      409,
      10019,
      'The subscriber is not in pending_user_migration state.',
    ],
    [
      'package_in_use',
      'webex_calling is held by 2 user(s).',
      409,
      10018,
      'webex_calling is held by 2 user(s).',
    ],
    ['unauthenticated', 'Sign in first.', 401, WHOLESALE_CODES.unauthenticated.errorCode, 'Sign in first.'],
    [
      'forbidden',
      'Your role does not allow this action.',
      403,
      WHOLESALE_CODES.forbidden.errorCode,
      'Your role does not allow this action.',
    ],
    [
      'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      'Unsupported Media Type',
      415,
      WHOLESALE_CODES.unsupported_media_type.errorCode,
      'Unsupported Media Type',
    ],
    ['some_other_conflict', 'It clashes.', 409, WHOLESALE_CODES.conflict.errorCode, 'It clashes.'],
    ['invalid_field', 'body.email: Invalid email', 400, 10001, 'body.email: Invalid email'],
    [
      'phone_number_needs_location',
      'Phone number +31201234503 needs a Location: give the location whose numbers include it.',
      400,
      WHOLESALE_CODES.location_required.errorCode,
      'Phone number +31201234503 needs a Location: give the location whose numbers include it.',
    ],
    ['unavailable', 'Try later.', 503, WHOLESALE_CODES.service_unavailable.errorCode, 'Try later.'],
    ['internal', 'Something went wrong on our side.', 500, 10099, 'Something went wrong on our side.'],
  ] as const)('%s (%s, %i) → %i', (code, description, status, errorCode, publicText) => {
    expect(toPublicErrorDetail({ code, description }, status)).toEqual({
      errorCode,
      description: publicText,
    });
  });
});

describe('WHOLESALE_CODES', () => {
  it('gives every code its own number', () => {
    const numbers = Object.values(WHOLESALE_CODES).map((entry) => entry.errorCode);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
