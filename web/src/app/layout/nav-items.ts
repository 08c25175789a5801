import { tKey } from '../../i18n/t-key.ts';

export interface NavItem {
  labelKey: string;
  to: string;
  /** Also active on sub-paths (a user's detail page keeps "Users" highlighted). */
  prefix?: boolean;
}

export const partnerHubNav: NavItem[] = [
  { labelKey: tKey('nav.customers'), to: '/partner/customers', prefix: true },
  { labelKey: tKey('nav.admins'), to: '/partner/admins' },
  { labelKey: tKey('nav.apiTokens'), to: '/partner/tokens' },
];

export function controlHubNav(customerId: string): NavItem[] {
  const base = `/control/${customerId}`;
  return [
    { labelKey: tKey('nav.overview'), to: base },
    { labelKey: tKey('nav.users'), to: `${base}/users`, prefix: true },
    { labelKey: tKey('nav.locations'), to: `${base}/locations`, prefix: true },
    { labelKey: tKey('nav.numbers'), to: `${base}/numbers`, prefix: true },
    { labelKey: tKey('nav.settings'), to: `${base}/settings`, prefix: true },
    { labelKey: tKey('nav.admins'), to: `${base}/admins` },
    { labelKey: tKey('nav.apiTokens'), to: `${base}/tokens` },
    { labelKey: tKey('nav.auditLog'), to: `${base}/audit`, prefix: true },
  ];
}
