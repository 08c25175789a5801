export type AdminRole =
  | 'operator'
  | 'partner_full_admin'
  | 'partner_readonly_admin'
  | 'customer_full_admin'
  | 'customer_readonly_admin';

// Mirrors the server's rule (SPEC §1): nobody grants a role above their own, to an admin they
// invite or to a token they create. Partner Hub grants partner-level roles only; customer roles
// are granted for one customer and need its id.
export function partnerRolesGrantableBy(role: AdminRole): AdminRole[] {
  switch (role) {
    case 'operator':
      return ['partner_full_admin', 'partner_readonly_admin', 'operator'];
    case 'partner_full_admin':
      return ['partner_full_admin', 'partner_readonly_admin'];
    default:
      return [];
  }
}
