// A 429 answered by a service (e.g. the existing-account probe limit) carries Retry-After, as SPEC
// §7 asks; the rate-limit plugin sets it for its own 429s. Register inside a route plugin.
import type { App } from '../app.ts';
import { ProbeRateLimited } from '../../services/provisioning/email-probes.ts';
import { InviteSentRecently } from '../../services/auth/account-flows.ts';

export function addRetryAfter(app: App): void {
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof ProbeRateLimited || error instanceof InviteSentRecently)
      reply.header('retry-after', String(error.retryAfterSeconds));
  });
}
