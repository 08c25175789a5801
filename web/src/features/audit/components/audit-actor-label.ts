import type { TFunction } from 'i18next';
import type { AuditEvent } from '../api/audit.ts';

/**
 * Who did it, in the admin's language. Admins and tokens are named by their email or name; the
 * server's own work (`type: 'system'`) carries a code instead ('provisioning', 'demo-seed',
 * 'consent:<email>', 'signup:<email>'), said here in words.
 */
export function actorLabel(actor: AuditEvent['actor'], t: TFunction): string {
  if (actor.type !== 'system') return actor.label ?? actor.id ?? actor.type;
  const label = actor.label ?? 'system';
  if (label === 'system') return t('audit.actors.system');
  if (label === 'provisioning') return t('audit.actors.provisioning');
  if (label === 'demo-seed') return t('audit.actors.demoSeed');
  const [kind, ...rest] = label.split(':');
  const email = rest.join(':');
  if (kind === 'consent' && email) return t('audit.actors.consent', { email });
  if (kind === 'signup' && email) return t('audit.actors.signUp', { email });
  return t('audit.actors.other', { code: label });
}
