import { Navigate } from 'react-router';
import { isPartnerRole, useMe } from '../../features/auth/api/get-me.ts';

/** Partner admins start in Partner Hub; customer admins in their own Control Hub. */
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  if (!isPartnerRole(me.data.role) && me.data.customerId)
    return <Navigate to={`/control/${me.data.customerId}`} replace />;
  return <Navigate to="/partner/customers" replace />;
}
