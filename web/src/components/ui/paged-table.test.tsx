// @vitest-environment jsdom
import { Table } from '@mantine/core';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from '../../lib/api-error.ts';
import { renderPage } from '../../testing/render-with-providers.tsx';
import type { PagedTableState } from './paged-table.tsx';
import { PagedTable } from './paged-table.tsx';

afterEach(cleanup);

function state(overrides: Partial<PagedTableState> = {}): PagedTableState {
  return {
    items: ['one'],
    isPending: false,
    isError: false,
    error: null,
    isPlaceholderData: false,
    isFetching: false,
    pageNumber: 1,
    hasPrevious: false,
    hasNext: true,
    goPrevious: vi.fn(),
    goNext: vi.fn(),
    ...overrides,
  };
}

async function show(pages: PagedTableState) {
  await renderPage(
    <PagedTable
      pages={pages}
      label="Things"
      minWidth={400}
      empty={<p>Nothing yet</p>}
      head={<Table.Th>Name</Table.Th>}
    >
      <Table.Tr>
        <Table.Td>one</Table.Td>
      </Table.Tr>
    </PagedTable>,
  );
}

describe('paged table', () => {
  it('shows the rows under their header, and pages on', async () => {
    const pages = state();
    await show(pages);
    expect(screen.getByRole('table', { name: 'Things' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Name' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'one' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(pages.goNext).toHaveBeenCalledOnce();
  });

  it.each([
    { name: 'loading', pages: state({ isPending: true }), text: null },
    { name: 'empty', pages: state({ items: [] }), text: 'Nothing yet' },
    {
      name: 'failed',
      pages: state({ isError: true, error: new Error('The server is away') }),
      text: 'The server is away',
    },
  ])('shows no table while $name', async ({ pages, text }) => {
    await show(pages);
    expect(screen.queryByRole('table')).toBeNull();
    if (text) expect(screen.getByText(text)).toBeTruthy();
    else expect(screen.getByLabelText('Loading…')).toBeTruthy();
  });

  it('hides the pager under an error and offers to load the page again', async () => {
    const refetch = vi.fn();
    await show(
      state({
        isError: true,
        error: new NetworkError(new TypeError('Failed to fetch')),
        hasPrevious: true,
        refetch,
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('This could not be loaded');
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Previous' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledOnce();
  });
});
