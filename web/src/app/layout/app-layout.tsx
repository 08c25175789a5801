import {
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery, useWindowEvent } from '@mantine/hooks';
import { Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/ui/language-switch.tsx';
import { PageLoading } from '../../components/ui/page-loading.tsx';
import { isPartnerRole, isReadOnlyRole, useMe } from '../../features/auth/api/get-me.ts';
import { CanWriteProvider } from '../../lib/permissions.tsx';
import { useLogout } from '../../features/auth/api/logout.ts';
import { useCustomer } from '../../features/customers/api/get-customer.ts';
import { controlHubNav, partnerHubNav } from './nav-items.ts';
import { OfflinePausedNotice } from './offline-paused-notice.tsx';
import './skip-link.css';

/**
 * Which customer this Control Hub is for, on every width: a long name is cut with an ellipsis and
 * stays whole in its tooltip (`title`), rather than leaving the header without it on a phone.
 */
function CustomerName({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);
  const name = customer.data?.name;
  return (
    <Text fw={600} size="sm" truncate="end" title={name} data-testid="control-hub-customer">
      {/* "…" only while it loads: a customer that failed to load (unknown id) leaves no name. */}
      {name ?? (customer.isPending ? '…' : null)}
    </Text>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const logout = useLogout();
  const controlMatch = useMatch('/control/:customerId/*');
  const customerId = controlMatch?.params.customerId;
  const inControlHub = Boolean(customerId);
  const items = customerId ? controlHubNav(customerId) : partnerHubNav;
  const canUsePartnerHub = me.data ? isPartnerRole(me.data.role) : false;
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`);
  const burgerRef = useRef<HTMLButtonElement>(null);
  // On a narrow screen the open menu covers the page: the page is inert meanwhile, so Tab stays in
  // what can be seen instead of moving on to links and fields hidden behind the menu, and Escape
  // closes the menu, back on its button.
  const menuCoversPage = opened && !wide;
  useWindowEvent('keydown', (event) => {
    if (event.key !== 'Escape' || !menuCoversPage || event.defaultPrevented) return;
    close();
    burgerRef.current?.focus();
  });

  const isActive = (to: string, prefix?: boolean) =>
    location.pathname === to || (prefix === true && location.pathname.startsWith(`${to}/`));

  const homePath = canUsePartnerHub ? '/partner/customers' : '/';
  const hubName = inControlHub ? t('nav.controlHub') : t('nav.partnerHub');
  const backToPartnerHub = inControlHub && canUsePartnerHub;
  const accountName = me.data?.displayName || me.data?.email || t('nav.account');

  // Only once the server ended the session: after a failed sign-out the admin is still signed in.
  const signOut = () => logout.mutate(undefined, { onSuccess: () => void navigate('/login') });

  // Customers and partner admins are the partner's business: a customer admin who types a Partner
  // Hub URL for them would get buttons the server refuses; their own Control Hub it is.
  const ownHub = me.data && !canUsePartnerHub && me.data.customerId ? `/control/${me.data.customerId}` : null;
  const customersPath =
    location.pathname === '/partner/customers' || location.pathname.startsWith('/partner/customers/');
  if (ownHub && customersPath) return <Navigate to={ownHub} replace />;
  if (ownHub && location.pathname === '/partner/admins') return <Navigate to={`${ownHub}/admins`} replace />;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main-content" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              ref={burgerRef}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <UnstyledButton component={Link} to={homePath} style={{ flexShrink: 0 }}>
              <Text fw={800} c="blue.8" fz={{ base: 'md', sm: 'lg' }} style={{ whiteSpace: 'nowrap' }}>
                Wholesale Hub
              </Text>
            </UnstyledButton>
            {/* The hub's name must stay readable: never let the row squeeze it into an empty pill. */}
            <Badge
              color={inControlHub ? 'teal' : 'blue'}
              variant="filled"
              data-testid="hub-name"
              style={{ flexShrink: 0, overflow: 'visible' }}
            >
              {hubName}
            </Badge>
            {customerId ? (
              <Box miw={0} maw={260} style={{ flexShrink: 1 }}>
                <CustomerName customerId={customerId} />
              </Box>
            ) : null}
          </Group>
          {/* Wide screens: the actions sit in the header. Narrow screens: they move into the burger menu. */}
          <Group gap="sm" wrap="nowrap" visibleFrom="sm">
            {backToPartnerHub ? (
              <Button component={Link} to="/partner/customers" variant="subtle" size="xs">
                {t('nav.backToPartnerHub')}
              </Button>
            ) : null}
            <LanguageSwitch />
            {/* Not in a portal: the open menu stays inside its landmark and right after its button. */}
            <Menu position="bottom-end" withinPortal={false}>
              <Menu.Target>
                {/* Named by the account it shows: a label that hid the visible name would confuse voice control. */}
                <Button variant="default" size="xs">
                  {accountName}
                </Button>
              </Menu.Target>
              <Menu.Dropdown aria-label={t('nav.accountMenu')}>
                <Menu.Label>{me.data?.email}</Menu.Label>
                <Menu.Item onClick={signOut}>{t('auth.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')} id="main-navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
              {hubName}
            </Text>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.labelKey)}
                active={isActive(item.to, item.prefix)}
                onClick={close}
                aria-current={isActive(item.to, item.prefix) ? 'page' : undefined}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" data-testid="mobile-header-actions">
          <Divider my="sm" />
          <Stack gap="sm" px="sm">
            {backToPartnerHub ? (
              <Button component={Link} to="/partner/customers" variant="light" onClick={close}>
                {t('nav.backToPartnerHub')}
              </Button>
            ) : null}
            <LanguageSwitch />
            <Text size="xs" c="dimmed" truncate>
              {me.data?.email ?? accountName}
            </Text>
            <Button variant="default" onClick={signOut}>
              {t('auth.signOut')}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0" id="main-content" tabIndex={-1} inert={menuCoversPage}>
        <CanWriteProvider canWrite={me.data ? !isReadOnlyRole(me.data.role) : true}>
          {/* Screens load on first use: the shell stays while one is fetched. Keyed by the address:
              React Router navigates in a transition, and a transition keeps a boundary that already
              shows a screen on that old screen (old heading, nothing announced) until the new code
              arrives; a new boundary per address shows the loading status at once. Only this
              boundary remounts, not the shell around it. */}
          {/* Offline, a screen's data load is paused (not failed): said here once for every screen. */}
          <OfflinePausedNotice />
          <Suspense key={location.pathname} fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </CanWriteProvider>
      </AppShell.Main>
    </AppShell>
  );
}
