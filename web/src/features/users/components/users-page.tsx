import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { Paper, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { UrlPageNotices } from '../../../components/ui/url-page-notices.tsx';
import { useUrlOffsetPage } from '../../../components/ui/use-url-offset-page.ts';
import { pageNumberOf } from '../../../components/ui/use-url-page.ts';
import { lastReachableUsersPage, useUserPage } from '../api/list-users.ts';
import { ManageUsersMenu } from './manage-users-menu.tsx';
import { usePageOnScreen } from './use-page-on-screen.ts';
import type { UserFilterName } from './users-filters.tsx';
import { UsersFilters } from './users-filters.tsx';
import { openClickedRow, staleRowsClass, UserRow, userRowLabels } from './user-row.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  // Search, filters and page live in the query string (?q=&package=&status=&page=), so a reload,
  // a shared link and back/forward all show the same list.
  const [searchParams, setSearchParams] = useSearchParams();
  const urlSearch = searchParams.get('q') ?? '';
  const packageFilter = searchParams.get('package');
  const status = searchParams.get('status');
  // The page in the URL, fetched in one request (offset paging, ADR 0094).
  const urlPageNumber = pageNumberOf(searchParams.get('page'));
  const updateParams = useCallback(
    (changes: Record<string, string | null>, replace = false) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );

  const [search, setSearch] = useState(urlSearch);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  // Typed text → URL, once typing pauses; replace, so Back does not step through every keystroke.
  const lastTyped = useRef(debouncedSearch);
  useEffect(() => {
    if (lastTyped.current === debouncedSearch) return;
    lastTyped.current = debouncedSearch;
    if (debouncedSearch.trim() !== urlSearch) updateParams({ q: debouncedSearch.trim(), page: null }, true);
  }, [debouncedSearch, urlSearch, updateParams]);
  // URL → search box, when back/forward changes the query string under us.
  const lastUrlSearch = useRef(urlSearch);
  useEffect(() => {
    if (lastUrlSearch.current === urlSearch) return;
    lastUrlSearch.current = urlSearch;
    if (urlSearch !== search.trim()) setSearch(urlSearch);
  }, [urlSearch, search]);

  const pages = useUserPage(customerId, { search: urlSearch, package: packageFilter, status }, urlPageNumber);
  const filtered = Boolean(urlSearch || packageFilter || status);

  // ?page=N is one request by offset; a page past the end settles on the last page (the answer's
  // count names it) and says so (see useUrlOffsetPage).
  const filterKey = JSON.stringify([urlSearch, packageFilter, status]);
  const urlPage = useUrlOffsetPage({ ...pages, lastReachablePage: lastReachableUsersPage }, filterKey);
  const { arrived } = urlPage;
  const rows = usePageOnScreen(pages.items, arrived);
  // Translated once for all rows, and the same object while the language is: rows stay memoised.
  const rowLabels = useMemo(() => userRowLabels(t), [t]);
  const openRow = useCallback(
    (event: MouseEvent<HTMLTableSectionElement>) => openClickedRow(event.target, (to) => void navigate(to)),
    [navigate],
  );

  // The header and the filter bar stay as they are while paging (see UsersFilters): the filters'
  // callback reads the latest updateParams, which setSearchParams renews on every URL change.
  const latestUpdateParams = useRef(updateParams);
  useEffect(() => {
    latestUpdateParams.current = updateParams;
  }, [updateParams]);
  const changeFilter = useCallback(
    (name: UserFilterName, value: string | null) => latestUpdateParams.current({ [name]: value, page: null }),
    [],
  );
  const header = useMemo(
    () => (
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={<ManageUsersMenu customerId={customerId} />}
      />
    ),
    [t, customerId],
  );

  return (
    <>
      {header}
      <Paper>
        <UsersFilters
          search={search}
          packageFilter={packageFilter}
          status={status}
          onSearchChange={setSearch}
          onFilterChange={changeFilter}
        />
        {pages.isError ? null : <UrlPageNotices urlPage={urlPage} />}
        {pages.isError ? (
          <ErrorAlert error={pages.error} action="load" onRetry={() => void pages.refetch()} />
        ) : rows === null ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState
            title={filtered ? t('users.noMatches') : t('users.empty')}
            description={filtered ? t('users.noMatchesHint') : t('users.emptyHint')}
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('users.title')} data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.package')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <tbody className={pages.isPlaceholderData ? staleRowsClass : undefined} onClick={openRow}>
                {rows.map((user) => (
                  <UserRow key={user.id} user={user} customerId={customerId} labels={rowLabels} />
                ))}
              </tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {/* No paging away from an error: "Try again" is the way on. */}
        {pages.isError ? null : (
          <Pager
            pageNumber={pages.pageNumber}
            pageCount={
              pages.pageCount !== null && pages.pageNumber <= pages.pageCount ? pages.pageCount : null
            }
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            onPrevious={urlPage.goPrevious}
            onNext={urlPage.goNext}
            loading={pages.isFetching}
          />
        )}
      </Paper>
    </>
  );
}
