import { createBrowserRouter, Navigate } from 'react-router';
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

// The sign-in pages and the shell are in the first chunk: every visit starts with one of them, and
// the pages around sign-in are a few kB together. Every other screen is its own chunk, fetched the
// first time it is shown.
const CustomersPage = lazyPage(
  () => import('../features/customers/components/customers-page.tsx'),
  'CustomersPage',
);
const CreateCustomerPage = lazyPage(
  () => import('../features/customers/components/create-customer-page.tsx'),
  'CreateCustomerPage',
);
const CustomerDetailPage = lazyPage(
  () => import('../features/customers/components/customer-detail-page.tsx'),
  'CustomerDetailPage',
);
const CustomerOverviewPage = lazyPage(
  () => import('../features/customers/components/customer-overview-page.tsx'),
  'CustomerOverviewPage',
);
const UsersPage = lazyPage(() => import('../features/users/components/users-page.tsx'), 'UsersPage');
const UserDetailPage = lazyPage(
  () => import('../features/users/components/user-detail-page.tsx'),
  'UserDetailPage',
);
const AddUsersPage = lazyPage(
  () => import('../features/users/components/add-users-page.tsx'),
  'AddUsersPage',
);
const CsvImportPage = lazyPage(
  () => import('../features/imports/components/csv-import-page.tsx'),
  'CsvImportPage',
);
const ClaimUsersPage = lazyPage(
  () => import('../features/claims/components/claim-users-page.tsx'),
  'ClaimUsersPage',
);
const DirectorySyncPage = lazyPage(
  () => import('../features/directory-sync/components/directory-sync-page.tsx'),
  'DirectorySyncPage',
);
const LocationsPage = lazyPage(
  () => import('../features/locations/components/locations-page.tsx'),
  'LocationsPage',
);
const NumbersPage = lazyPage(() => import('../features/numbers/components/numbers-page.tsx'), 'NumbersPage');
const SettingsPage = lazyPage(
  () => import('../features/settings/components/settings-page.tsx'),
  'SettingsPage',
);
const AuditPage = lazyPage(() => import('../features/audit/components/audit-page.tsx'), 'AuditPage');
const AdminsPage = lazyPage(() => import('../features/admins/components/admins-page.tsx'), 'AdminsPage');
const CustomerAdminsPage = lazyPage(
  () => import('../features/admins/components/customer-admins-page.tsx'),
  'CustomerAdminsPage',
);
const TokensPage = lazyPage(() => import('../features/tokens/components/tokens-page.tsx'), 'TokensPage');
const CustomerTokensPage = lazyPage(
  () => import('../features/tokens/components/customer-tokens-page.tsx'),
  'CustomerTokensPage',
);

export const router = createBrowserRouter([
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
]);
