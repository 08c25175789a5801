import { useId } from 'react';
import type { ReactNode } from 'react';
import { Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { useDirectorySyncEnabled } from '../../../lib/use-directory-sync-enabled.ts';

/**
 * An entry that is there but cannot be used now, with its reason. Not `disabled`: Mantine's focus
 * trap picks the first item as the menu's initial focus, and a disabled button cannot take focus,
 * so the menu opened by keyboard kept focus on its button (no arrow keys, no Escape). As the ARIA
 * menu pattern advises, the entry stays focusable and reachable by the arrow keys, says
 * aria-disabled with its reason, and does nothing when chosen.
 */
function UnavailableItem({ reasonId, children }: { reasonId: string; children: ReactNode }) {
  return (
    <Menu.Item
      aria-disabled="true"
      aria-describedby={reasonId}
      closeMenuOnClick={false}
      onClick={(event) => event.preventDefault()}
      c="dimmed"
      style={{ cursor: 'not-allowed' }}
      data-unavailable
    >
      {children}
    </Menu.Item>
  );
}

/** The help text's "Manage users" (Gebruikers beheren) menu, with its four entries in its order. */
export function ManageUsersMenu({ customerId, disabled }: { customerId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const base = `/control/${customerId}/users`;
  // ADR 0067: while directory sync is on the directory creates the users; adding and claiming are off.
  const syncOn = useDirectorySyncEnabled(customerId).data === true;
  const syncReasonId = useId();
  // Read-only admins get no button that changes something (lib/permissions), rather than a
  // disabled one that does not say why.
  if (!canWrite) return null;
  return (
    // Not in a portal (as the account menu): the open menu stays inside the main landmark, right
    // after its button in reading and tab order; floating-ui still flips and shifts it on a phone.
    <Menu position="bottom-end" withinPortal={false}>
      <Menu.Target>
        <Button disabled={disabled === true} data-testid="manage-users">
          {t('users.manageUsers')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {syncOn ? (
          <UnavailableItem reasonId={syncReasonId}>{t('users.addManually')}</UnavailableItem>
        ) : (
          <Menu.Item component={Link} to={`${base}/add`}>
            {t('users.addManually')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to={`${base}/csv`}>
          {t('users.csvAddOrModify')}
        </Menu.Item>
        {syncOn ? (
          <>
            <UnavailableItem reasonId={syncReasonId}>{t('users.claimUsers')}</UnavailableItem>
            <Text
              id={syncReasonId}
              size="xs"
              c="dimmed"
              px="sm"
              py={4}
              maw={280}
              data-testid="sync-owns-users"
            >
              {t('users.syncOwnsUsers')}
            </Text>
          </>
        ) : (
          <Menu.Item component={Link} to={`${base}/claim`}>
            {t('users.claimUsers')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to={`${base}/directory-sync`}>
          {t('users.directorySync')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
