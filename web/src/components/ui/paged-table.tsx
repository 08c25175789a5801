import type { ReactNode } from 'react';
import type { MantineSpacing } from '@mantine/core';
import { Table } from '@mantine/core';
import { ErrorAlert } from './error-alert.tsx';
import { Pager } from './pager.tsx';
import { TableSkeleton } from './table-skeleton.tsx';
import { UrlPageNotices } from './url-page-notices.tsx';
import type { UrlPage } from './use-url-page.ts';

/** What a list page's cursor paging (`useCursorPages`) offers this table. */
export interface PagedTableState {
  readonly items: readonly unknown[];
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  readonly isPlaceholderData: boolean;
  readonly isFetching: boolean;
  readonly pageNumber: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  goPrevious(): void;
  goNext(): void;
  /** Loads the page again: offered as "Try again" when it failed. */
  refetch?(): unknown;
}

interface PagedTableProps {
  pages: PagedTableState;
  /** The table's accessible name. */
  label: string;
  minWidth: number;
  /** Shown instead of the table when the page has no rows. */
  empty: ReactNode;
  /** The header cells (`<Table.Th>`s). */
  head: ReactNode;
  /** The rows of the current page. */
  children: ReactNode;
  testId?: string;
  /** Row padding; dense tables (the audit log) use `xs`. */
  verticalSpacing?: MantineSpacing;
  /** The page kept in the URL (`useUrlPage`): the pager moves it, and its walk and past-the-end notices show. */
  urlPage?: UrlPage;
}

/**
 * The list pages' one table: a skeleton while the first page loads, the server's error (with "Try
 * again", and no pager under it), the empty state, else the rows (dimmed while the next page
 * loads, so nothing jumps), and the pager.
 */
export function PagedTable({
  pages,
  label,
  minWidth,
  empty,
  head,
  children,
  testId,
  verticalSpacing,
  urlPage,
}: PagedTableProps) {
  return (
    <>
      {urlPage && !pages.isError ? <UrlPageNotices urlPage={urlPage} /> : null}
      {pages.isPending || urlPage?.walk ? (
        <TableSkeleton />
      ) : pages.isError ? (
        <ErrorAlert
          error={pages.error}
          action="load"
          {...(pages.refetch ? { onRetry: () => void pages.refetch?.() } : {})}
        />
      ) : pages.items.length === 0 ? (
        empty
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table aria-label={label} data-testid={testId} verticalSpacing={verticalSpacing}>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody style={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {/* No paging away from an error: "Try again" is the way on. */}
      {pages.isError ? null : (
        <Pager
          pageNumber={pages.pageNumber}
          pageCount={urlPage?.pageCount}
          hasPrevious={pages.hasPrevious}
          hasNext={pages.hasNext}
          onPrevious={urlPage ? urlPage.goPrevious : pages.goPrevious}
          onNext={urlPage ? urlPage.goNext : pages.goNext}
          loading={pages.isFetching}
        />
      )}
    </>
  );
}
