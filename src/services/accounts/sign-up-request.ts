// The shape of a free account's details (the sign-up form, the operator's create) and of the
// sign-up job's payload, which adds what the job needs to write the verification email. One zod
// schema each: the HTTP route validates its body with the first, the job its payload with the
// second, and the service's types are inferred from them.
import { z } from 'zod';

export const freeAccountInputSchema = z.object({
  email: z.string().min(3).max(254),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
});

export type FreeAccountInput = z.infer<typeof freeAccountInputSchema>;

export const signUpRequestSchema = freeAccountInputSchema.extend({
  /** The base of the verification link. */
  publicUrl: z.string().min(1),
  /** The language of the sign-up request: the verification email speaks it. */
  locale: z.enum(['en', 'nl']),
  /** The request's trackingId: the job's audit rows name it. */
  requestId: z.string().min(1),
});

export type SignUpRequest = z.infer<typeof signUpRequestSchema>;
