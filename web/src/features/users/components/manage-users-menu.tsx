import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanWrite } from '../../../lib/permissions.tsx';

/** The help text's "Manage users" (Gebruikers beheren) menu, with its four entries in its order. */
export function ManageUsersMenu({ customerId, disabled }: { customerId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const base = `/control/${customerId}/users`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button disabled={disabled === true || !canWrite} data-testid="manage-users">
          {t('users.manageUsers')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={`${base}/add`}>
          {t('users.addManually')}
        </Menu.Item>
        <Menu.Item component={Link} to={`${base}/csv`}>
          {t('users.csvAddOrModify')}
        </Menu.Item>
        <Menu.Item component={Link} to={`${base}/claim`}>
          {t('users.claimUsers')}
        </Menu.Item>
        <Menu.Item component={Link} to={`${base}/directory-sync`}>
          {t('users.directorySync')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
