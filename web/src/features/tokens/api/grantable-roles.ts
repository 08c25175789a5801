export type AdminRole =
  | 'operator'
  | 'partner_full_admin'
  | 'partner_readonly_admin'
  | 'customer_full_admin'
  | 'customer_readonly_admin';

// Mirrors the server's rule (SPEC §1): a token never carries a role above its creator's. Partner Hub
// creates partner-level tokens only; customer tokens need a customer id.
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
