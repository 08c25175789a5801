import { useParams } from 'react-router';
import { useCustomerName } from '../../../lib/use-customer-name.ts';
import { AdminsPage } from './admins-page.tsx';

/** Control Hub "Admins": the admins page scoped to the customer in the URL. */
export function CustomerAdminsPage() {
  const { customerId = '' } = useParams();
  const name = useCustomerName(customerId);
  return <AdminsPage customer={{ id: customerId, name: name.data ?? undefined }} />;
}
