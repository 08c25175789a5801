import { useParams } from 'react-router';
import { useTokenCustomerName } from '../api/tokens.ts';
import { TokensPage } from './tokens-page.tsx';

/** Control Hub "API tokens": the tokens page scoped to the customer in the URL. */
export function CustomerTokensPage() {
  const { customerId = '' } = useParams();
  const name = useTokenCustomerName(customerId);
  return <TokensPage customer={{ id: customerId, name: name.data ?? undefined }} />;
}
