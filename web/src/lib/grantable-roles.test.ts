import { describe, expect, it } from 'vitest';
import type { AdminRole } from './grantable-roles.ts';
import { partnerRolesGrantableBy } from './grantable-roles.ts';

describe('partnerRolesGrantableBy', () => {
  it.each<[AdminRole, AdminRole[]]>([
    ['operator', ['partner_full_admin', 'partner_readonly_admin', 'operator']],
    ['partner_full_admin', ['partner_full_admin', 'partner_readonly_admin']],
    ['partner_readonly_admin', []],
    ['customer_full_admin', []],
    ['customer_readonly_admin', []],
  ])('%s may grant %j', (role, expected) => {
    expect(partnerRolesGrantableBy(role)).toEqual(expected);
  });
});
