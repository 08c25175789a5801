import { isValidElement } from 'react';
import type { ComponentType } from 'react';
import { createBrowserRouter, matchRoutes, Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireAuth } from './layout/require-auth.tsx';
import { HomeRedirect } from './layout/home-redirect.tsx';
import { RouteError } from './layout/route-error.tsx';
import { lazyPage } from './lazy-page.ts';
import { NotFoundPage } from '../components/ui/not-found-page.tsx';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { SignUpPage } from '../features/auth/components/sign-up-page.tsx';
import { VerifySignUpPage } from '../features/auth/components/verify-sign-up-page.tsx';
import { AcceptInvitePage } from '../features/auth/components/accept-invite-page.tsx';
import { ForgotPasswordPage } from '../features/auth/components/forgot-password-page.tsx';
import { ResetPasswordPage } from '../features/auth/components/reset-password-page.tsx';

/** Each screen's import, to start it before the screen renders (see `startFirstScreenImport`). */
const screenImports = new Map<unknown, () => Promise<unknown>>();

function screen<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
): ComponentType {
  const page = lazyPage(load, name);
  screenImports.set(page, load);
  return page;
}

// The sign-in pages and the shell are in the first chunk: every visit starts with one of them, and
// the pages around sign-in are a few kB together. Every other screen is its own chunk, fetched the
// first time it is shown.
const CustomersPage = screen(
  () => import('../features/customers/components/customers-page.tsx'),
  'CustomersPage',
);
const CreateCustomerPage = screen(
  () => import('../features/customers/components/create-customer-page.tsx'),
  'CreateCustomerPage',
);
const CustomerDetailPage = screen(
  () => import('../features/customers/components/customer-detail-page.tsx'),
  'CustomerDetailPage',
);
const CustomerOverviewPage = screen(
  () => import('../features/customers/components/customer-overview-page.tsx'),
  'CustomerOverviewPage',
);
const UsersPage = screen(() => import('../features/users/components/users-page.tsx'), 'UsersPage');
const UserDetailPage = screen(
  () => import('../features/users/components/user-detail-page.tsx'),
  'UserDetailPage',
);
const AddUsersPage = screen(() => import('../features/users/components/add-users-page.tsx'), 'AddUsersPage');
const CsvImportPage = screen(
  () => import('../features/imports/components/csv-import-page.tsx'),
  'CsvImportPage',
);
const ClaimUsersPage = screen(
  () => import('../features/claims/components/claim-users-page.tsx'),
  'ClaimUsersPage',
);
const DirectorySyncPage = screen(
  () => import('../features/directory-sync/components/directory-sync-page.tsx'),
  'DirectorySyncPage',
);
const LocationsPage = screen(
  () => import('../features/locations/components/locations-page.tsx'),
  'LocationsPage',
);
const NumbersPage = screen(() => import('../features/numbers/components/numbers-page.tsx'), 'NumbersPage');
const SettingsPage = screen(
  () => import('../features/settings/components/settings-page.tsx'),
  'SettingsPage',
);
const AuditPage = screen(() => import('../features/audit/components/audit-page.tsx'), 'AuditPage');
const AdminsPage = screen(() => import('../features/admins/components/admins-page.tsx'), 'AdminsPage');
const CustomerAdminsPage = screen(
  () => import('../features/admins/components/customer-admins-page.tsx'),
  'CustomerAdminsPage',
);
const TokensPage = screen(() => import('../features/tokens/components/tokens-page.tsx'), 'TokensPage');
const CustomerTokensPage = screen(
  () => import('../features/tokens/components/customer-tokens-page.tsx'),
  'CustomerTokensPage',
);

const routes: RouteObject[] = [
  {
    // Outside the shell (the sign-in pages): a failure replaces the page.
    errorElement: <RouteError standalone />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/signup/verify', element: <VerifySignUpPage /> },
      { path: '/invite/:token?', element: <AcceptInvitePage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password/:token?', element: <ResetPasswordPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          {
            // Inside the shell: a screen that fails keeps the navigation around it.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomeRedirect /> },
              { path: 'partner', element: <Navigate to="/partner/customers" replace /> },
              { path: 'partner/customers', element: <CustomersPage /> },
              { path: 'partner/customers/new', element: <CreateCustomerPage /> },
              { path: 'partner/customers/:customerId', element: <CustomerDetailPage /> },
              { path: 'partner/admins', element: <AdminsPage /> },
              { path: 'partner/tokens', element: <TokensPage /> },
              { path: 'control/:customerId', element: <CustomerOverviewPage /> },
              { path: 'control/:customerId/users', element: <UsersPage /> },
              { path: 'control/:customerId/users/add', element: <AddUsersPage /> },
              { path: 'control/:customerId/users/csv', element: <CsvImportPage /> },
              { path: 'control/:customerId/users/claim', element: <ClaimUsersPage /> },
              { path: 'control/:customerId/users/directory-sync', element: <DirectorySyncPage /> },
              { path: 'control/:customerId/locations', element: <LocationsPage /> },
              { path: 'control/:customerId/numbers', element: <NumbersPage /> },
              { path: 'control/:customerId/settings', element: <SettingsPage /> },
              { path: 'control/:customerId/admins', element: <CustomerAdminsPage /> },
              { path: 'control/:customerId/tokens', element: <CustomerTokensPage /> },
              { path: 'control/:customerId/audit', element: <AuditPage /> },
              { path: 'control/:customerId/users/:userId', element: <UserDetailPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

/**
 * Starts fetching the code of the screen the page was opened at, alongside the app's first
 * request (`/v1/auth/me`): the screen renders only once the shell knows who is signed in, and
 * importing its code only then would add a round trip or more to every first load. The browser
 * keeps the module it fetched, so the screen's own import later finds it there (or in flight). A
 * signed-out visitor fetches a screen's code that the sign-in page then does not use: static and
 * cached, with no data of anyone's in it. A failure is left for the screen's own import to show.
 */
function startFirstScreenImport(): void {
  const element = matchRoutes(routes, window.location)?.at(-1)?.route.element;
  if (!isValidElement(element)) return;
  void screenImports
    .get(element.type)?.()
    .catch(() => undefined);
}

startFirstScreenImport();

export const router = createBrowserRouter(routes);
