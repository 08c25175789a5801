import { vi } from 'vitest';

/** The signed-in admin `/v1/auth/me` answers in the shell's tests: a partner full admin. */
export const partnerFullAdmin = {
  id: 'a1',
  email: 'admin@partner.example',
  role: 'partner_full_admin',
  partnerId: 'p1',
};

/** Stubs fetch: `/v1/auth/me` answers a partner full admin, every other request `otherAnswer`. */
export function stubSignedInPartnerAdmin(otherAnswer: unknown): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/v1/auth/me') ? partnerFullAdmin : otherAnswer;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
}
