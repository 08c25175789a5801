import { useParams } from 'react-router';
import { useCustomerName } from '../../../lib/use-customer-name.ts';
import { TokensPage } from './tokens-page.tsx';

/** Control Hub "API tokens": the tokens page scoped to the customer in the URL. */
export function CustomerTokensPage() {
  const { customerId = '' } = useParams();
  const name = useCustomerName(customerId);
  return <TokensPage customer={{ id: customerId, name: name.data ?? undefined }} />;
}
