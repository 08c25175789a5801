import { memo } from 'react';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { statusColor, statusLabel } from '../../../components/ui/status-badge.tsx';
import { sellablePackages } from '../../../lib/package-catalog.ts';
import type { User } from '../api/user-types.ts';
import { fullName } from '../api/user-types.ts';
import classes from './user-row.module.css';

/** The words a row shows, translated once for all rows of the table (per language). */
export interface UserRowLabels {
  readonly noPackage: string;
  readonly suspended: string;
  status(status: string): string;
  packageName(id: string): string;
}

const listedStatuses = ['provisioned', 'pending_user_migration', 'error'];

export function userRowLabels(t: TFunction): UserRowLabels {
  const statuses = new Map(listedStatuses.map((status) => [status, statusLabel(t, status)]));
  const packages = new Map(sellablePackages.map((entry) => [entry.id, t(entry.nameKey)]));
  return {
    noPackage: t('users.noPackage'),
    suspended: t('status.suspended'),
    status: (status) => statuses.get(status) ?? statusLabel(t, status),
    packageName: (id) => packages.get(id) ?? id,
  };
}

interface UserRowProps {
  readonly user: User;
  readonly customerId: string;
  readonly labels: UserRowLabels;
}

/**
 * One user of the users table, from plain elements and CSS classes: 50 of these are drawn on every
 * page, and Mantine components cost several times as much a row. Memoised: a row whose user (kept
 * the same object by the query cache), customer and labels are unchanged is not drawn again when the
 * page re-renders. A click anywhere on the row opens the user (the table body handles it, see
 * `openClickedRow`); the name is the link keyboards and screen readers use.
 */
export const UserRow = memo(function UserRow({ user, customerId, labels }: UserRowProps) {
  return (
    <tr className={classes.row} data-to={userPath(customerId, user.id)}>
      <td className={classes.cell}>
        <Link to={userPath(customerId, user.id)} className={classes.name}>
          {fullName(user)}
        </Link>
      </td>
      <td className={classes.cell}>{user.email}</td>
      <td className={classes.cell}>
        {user.package ? (
          labels.packageName(user.package)
        ) : (
          <span className={classes.noPackage}>{labels.noPackage}</span>
        )}
      </td>
      <td className={classes.cell}>
        <div className={classes.badges}>
          <span
            className={`${classes.badge} ${classes.status}`}
            data-color={statusColor(user.status)}
            data-status={user.status}
          >
            <span className={classes.badgeLabel}>{labels.status(user.status)}</span>
          </span>
          {user.suspended ? (
            <span className={classes.badge} data-color="gray">
              <span className={classes.badgeLabel}>{labels.suspended}</span>
            </span>
          ) : null}
        </div>
      </td>
    </tr>
  );
});

export function userPath(customerId: string, userId: string): string {
  return `/control/${customerId}/users/${userId}`;
}

/** The table body's click handler: a click on a row (not on its link) opens that row's user. */
export function openClickedRow(target: EventTarget, open: (path: string) => void): void {
  if (!(target instanceof Element) || target.closest('a')) return;
  const path = target.closest<HTMLTableRowElement>('tr[data-to]')?.dataset.to;
  if (path) open(path);
}

export const staleRowsClass = classes.stale;
