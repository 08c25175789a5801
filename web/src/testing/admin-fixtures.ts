/** A partner read-only admin who was invited and has not signed in yet, as the admins list answers it. */
export function invitedAdmin(id: string, email: string) {
  return {
    id,
    email,
    displayName: null,
    role: 'partner_readonly_admin',
    partnerId: 'p1',
    customerId: null,
    customerName: null,
    status: 'invited',
    lastLoginAt: null,
    createdAt: '2026-01-02T00:00:00.000Z',
  };
}
