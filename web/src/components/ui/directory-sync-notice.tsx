import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * Why adding or claiming users is off while directory sync is on (ADR 0067: the directory creates
 * the users), with the way to the Directory synchronization page.
 */
export function DirectorySyncNotice({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" title={t('users.syncOwnsUsersTitle')} mb="lg" data-testid="directory-sync-notice">
      <Text size="sm">{t('users.syncOwnsUsers')}</Text>
      {/* Blue 9: the primary link colour (blue 8) reaches only 4.1:1 on the light blue alert. */}
      <Anchor
        component={Link}
        to={`/control/${customerId}/users/directory-sync`}
        size="sm"
        c="blue.9"
        underline="always"
      >
        {t('users.openDirectorySync')}
      </Anchor>
    </Alert>
  );
}
