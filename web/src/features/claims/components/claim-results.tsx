import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Box, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../components/ui/pager.tsx';
import type { ClaimResult } from '../api/claims.ts';
import { claimResultLines } from './claim-result-lines.ts';
import { downloadCsvFile } from './download-csv-file.ts';
import { notClaimedCsv, notClaimedCsvName } from './not-claimed-csv.ts';
import type { ClaimResultsFilter, NumberedAccount } from './claim-results-view.ts';
import {
  accountsShown,
  claimResultsPage,
  claimResultsPageSize,
  notClaimedCount,
  warnedCount,
} from './claim-results-view.ts';

function isFilter(value: string): value is ClaimResultsFilter {
  return value === 'all' || value === 'notClaimed' || value === 'warned';
}

/**
 * What a claim answered, the same for a claim of selected accounts and one from a CSV file: the
 * counts, then per account claimed or not, and each warning or reason with its column (SPEC §6), in
 * the language now shown. `claimedPackage` is the package the claim asked for, if any: a warning
 * that does not name its package is about it.
 *
 * A CSV file may hold thousands of accounts (SPEC §5): more than a page of them are shown a page
 * at a time, with a filter to the accounts not claimed or claimed with a warning, the ones an admin
 * has to act on. A result of one page shows every row, without filter or pages.
 *
 * When an account was not claimed, the accounts not claimed can be downloaded as a CSV file with
 * their reasons, for the admin to fix and upload again as is.
 */
export function ClaimResults({
  result,
  claimedPackage,
  testIdPrefix,
}: {
  result: ClaimResult;
  claimedPackage: string | null;
  /** `claim`: `claim-counts`, `claim-results` and `claim-range`; `claim-csv`: `claim-csv-counts`, …. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const accounts = result.results ?? [];
  const warned = warnedCount(accounts);
  const notClaimed = notClaimedCount(accounts);
  const [filter, setFilter] = useState<ClaimResultsFilter>('all');
  const [page, setPage] = useState(1);
  // Another claim's answer starts on the first page of all its accounts.
  const [pagedResult, setPagedResult] = useState(result);
  if (pagedResult !== result) {
    setPagedResult(result);
    setFilter('all');
    setPage(1);
  }
  const paged = accounts.length > claimResultsPageSize;
  const shown = claimResultsPage(paged ? accountsShown(accounts, filter) : [], page);
  const rows: readonly NumberedAccount[] = paged
    ? shown.rows
    : accounts.map((account, index) => ({ account, number: index + 1 }));

  // The Previous or Next just pressed is disabled on the first or last page: the focus would be
  // lost, so it goes to the rows that page brought.
  const table = useRef<HTMLTableElement>(null);
  const focusTable = useRef(false);
  useEffect(() => {
    if (!focusTable.current) return;
    focusTable.current = false;
    table.current?.focus();
  });
  const goTo = (target: number) => {
    focusTable.current = target <= 1 || target >= shown.pageCount;
    setPage(target);
  };
  const rangeId = useId();

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
      {notClaimed > 0 ? (
        <Button
          variant="default"
          size="xs"
          mb="sm"
          // Made at the click, in the language shown then, from the whole result, not the page.
          onClick={() => downloadCsvFile(notClaimedCsv(accounts, claimedPackage, t), notClaimedCsvName)}
        >
          {t('claims.downloadNotClaimed')}
        </Button>
      ) : null}
      {paged ? (
        <Group justify="space-between" mb="sm">
          <SegmentedControl
            role="radiogroup"
            aria-label={t('claims.resultsFilter')}
            value={filter}
            onChange={(value) => {
              if (isFilter(value)) setFilter(value);
              setPage(1);
            }}
            data={[
              { value: 'all', label: t('claims.resultsAll', { number: accounts.length }) },
              {
                value: 'notClaimed',
                label: t('claims.resultsNotClaimed', { number: notClaimed }),
                disabled: notClaimed === 0 && filter !== 'notClaimed',
              },
              {
                value: 'warned',
                label: t('claims.resultsWarned', { number: warned }),
                disabled: warned === 0 && filter !== 'warned',
              },
            ]}
          />
          <Text size="sm" c="dimmed" id={rangeId} data-testid={`${testIdPrefix}-range`}>
            {shown.total === 0
              ? t('claims.resultsNoneShown')
              : shown.from === shown.to
                ? t('claims.resultsRangeOne', { from: shown.from, total: shown.total })
                : t('claims.resultsRange', { from: shown.from, to: shown.to, total: shown.total })}
          </Text>
        </Group>
      ) : null}
      {accounts.length > 0 ? (
        <Table
          ref={table}
          tabIndex={-1}
          mb={paged ? 0 : 'md'}
          aria-label={t('claims.results')}
          aria-describedby={paged ? rangeId : undefined}
          data-testid={`${testIdPrefix}-results`}
        >
          <Table.Tbody>
            {rows.map(({ account, number }) => (
              <Table.Tr key={`${account.email ?? ''}-${number}`}>
                <Table.Td>{account.email}</Table.Td>
                <Table.Td>
                  {claimResultLines(account, claimedPackage, t).map((line, position) => (
                    <Text
                      key={`${position}-${line}`}
                      size="sm"
                      c={account.result === 'failed' ? 'red' : position === 0 ? 'green.8' : 'yellow.9'}
                      data-testid={`claim-line-${number}`}
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
      {paged ? (
        <Box mb="md">
          <Pager
            pageNumber={shown.page}
            pageCount={shown.pageCount}
            hasPrevious={shown.page > 1}
            hasNext={shown.page < shown.pageCount}
            onPrevious={() => goTo(shown.page - 1)}
            onNext={() => goTo(shown.page + 1)}
          />
        </Box>
      ) : null}
    </>
  );
}
