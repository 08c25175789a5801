import { Alert, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClaimResult } from '../api/claims.ts';
import { claimResultLines } from './claim-result-lines.ts';

/**
 * What a claim answered, the same for a claim of selected accounts and one from a CSV file: the
 * counts, then per account claimed or not, and each warning or reason with its column (SPEC §6), in
 * the language now shown. `claimedPackage` is the package the claim asked for, if any: a warning
 * that does not name its package is about it.
 */
export function ClaimResults({
  result,
  claimedPackage,
  testIdPrefix,
}: {
  result: ClaimResult;
  claimedPackage: string | null;
  /** `claim`: `claim-counts` and `claim-results`; `claim-csv`: `claim-csv-counts`, …. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const accounts = result.results ?? [];
  const warned = accounts.filter(
    (account) => account.result !== 'failed' && (account.warnings ?? []).length > 0,
  ).length;
  return (
    <>
      <Alert
        color={result.counts.failed > 0 ? 'orange' : warned > 0 ? 'yellow' : 'green'}
        mb="sm"
        data-testid={`${testIdPrefix}-counts`}
      >
        {t('claims.claimedCounts', { count: result.counts.claimed, failed: result.counts.failed })}
        {warned > 0 ? ` ${t('addUsers.someWarned', { count: warned })}` : null}
      </Alert>
      {accounts.length > 0 ? (
        <Table mb="md" aria-label={t('claims.results')} data-testid={`${testIdPrefix}-results`}>
          <Table.Tbody>
            {accounts.map((account, index) => (
              <Table.Tr key={`${account.email ?? ''}-${index}`}>
                <Table.Td>{account.email}</Table.Td>
                <Table.Td>
                  {claimResultLines(account, claimedPackage, t).map((line, position) => (
                    <Text
                      key={`${position}-${line}`}
                      size="sm"
                      c={account.result === 'failed' ? 'red' : position === 0 ? 'green.8' : 'yellow.9'}
                      data-testid={`claim-line-${index + 1}`}
                    >
                      {line}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
