import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireAuth } from './layout/require-auth.tsx';
import { HomeRedirect } from './layout/home-redirect.tsx';
import { NotFoundPage } from '../components/ui/not-found-page.tsx';
import { LoginPage } from '../features/auth/components/login-page.tsx';
import { SignUpPage } from '../features/auth/components/sign-up-page.tsx';
import { VerifySignUpPage } from '../features/auth/components/verify-sign-up-page.tsx';
import { AcceptInvitePage } from '../features/auth/components/accept-invite-page.tsx';
import { ForgotPasswordPage } from '../features/auth/components/forgot-password-page.tsx';
import { ResetPasswordPage } from '../features/auth/components/reset-password-page.tsx';
import { CustomersPage } from '../features/customers/components/customers-page.tsx';
import { CreateCustomerPage } from '../features/customers/components/create-customer-page.tsx';
import { CustomerDetailPage } from '../features/customers/components/customer-detail-page.tsx';
import { CustomerOverviewPage } from '../features/customers/components/customer-overview-page.tsx';
import { UsersPage } from '../features/users/components/users-page.tsx';
import { UserDetailPage } from '../features/users/components/user-detail-page.tsx';
import { AddUsersPage } from '../features/users/components/add-users-page.tsx';
import { CsvImportPage } from '../features/imports/components/csv-import-page.tsx';
import { ClaimUsersPage } from '../features/claims/components/claim-users-page.tsx';
import { DirectorySyncPage } from '../features/directory-sync/components/directory-sync-page.tsx';
import { LocationsPage } from '../features/locations/components/locations-page.tsx';
import { NumbersPage } from '../features/numbers/components/numbers-page.tsx';
import { SettingsPage } from '../features/settings/components/settings-page.tsx';
import { AuditPage } from '../features/audit/components/audit-page.tsx';
import { AdminsPage } from '../features/admins/components/admins-page.tsx';
import { CustomerAdminsPage } from '../features/admins/components/customer-admins-page.tsx';
import { TokensPage } from '../features/tokens/components/tokens-page.tsx';
import { CustomerTokensPage } from '../features/tokens/components/customer-tokens-page.tsx';

export const router = createBrowserRouter([
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
]);
