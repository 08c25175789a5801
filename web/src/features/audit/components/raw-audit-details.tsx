import { Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../api/audit.ts';

/**
 * The event as stored (action code, object id, before and after JSON, request id), closed at first:
 * support and API users search by these values, admins read the words beside it.
 */
export function RawAuditDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const raw = {
    action: event.action,
    target: event.target,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    jobId: event.jobId,
  };
  return (
    <details>
      <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
        {t('audit.rawDetails')}
      </Text>
      <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {JSON.stringify(raw, null, 2)}
      </Code>
    </details>
  );
}
