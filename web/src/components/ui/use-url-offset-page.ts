import { useCallback, useEffect, useState } from 'react';
import type { RememberedPastEnd, UrlPage } from './use-url-page.ts';
import { pastEndToShow, usePageParam } from './use-url-page.ts';

/** What `useUrlOffsetPage` needs of a list that fetches the page the URL names in one request. */
export interface UrlOffsetPagedList {
  readonly items: readonly unknown[];
  /** The page whose items these are (the page before, while the next one loads). */
  readonly pageNumber: number;
  /** The list's pages, when its size is known; an empty page past the end must come with it. */
  readonly pageCount: number | null;
  /** The last page the list can fetch (an offset has a bound); pages after it settle there. */
  readonly lastReachablePage?: number;
  readonly isFetching: boolean;
  readonly isError: boolean;
  readonly isSuccess: boolean;
  readonly isPlaceholderData: boolean;
}

/**
 * The page of an offset-paged list kept in the URL (`?page=`): the list fetches the page the URL
 * names in one request, so there is no walk. A page past the end comes back empty with the list's
 * size: the URL is settled on the last page at once (replace, so Back does not lead past the end
 * again) and `pastEnd` says which page was asked for, as `useUrlPage` does for a cursor list.
 */
export function useUrlOffsetPage(list: UrlOffsetPagedList, filterKey: string): UrlPage {
  const { wantedPage, setPage } = usePageParam();
  const [pastEnd, setPastEnd] = useState<RememberedPastEnd | null>(null);

  const { pageNumber, pageCount, lastReachablePage, isFetching, isError, isSuccess, isPlaceholderData } =
    list;
  const pageEmpty = list.items.length === 0;
  const onWantedPage = isSuccess && !isPlaceholderData && pageNumber === wantedPage;
  useEffect(() => {
    if (isFetching || isError || !onWantedPage || pageNumber === 1 || !pageEmpty) return;
    // Past the end: the answer's count names the last page (the page before, if it did not count).
    const last = Math.max(
      1,
      Math.min(pageNumber - 1, pageCount ?? pageNumber - 1, lastReachablePage ?? Infinity),
    );
    setPastEnd({ asked: wantedPage, pages: last, filterKey });
    setPage(last, true);
  }, [
    isFetching,
    isError,
    onWantedPage,
    pageNumber,
    pageEmpty,
    pageCount,
    lastReachablePage,
    wantedPage,
    filterKey,
    setPage,
  ]);

  const arrived = onWantedPage && !(pageNumber > 1 && pageEmpty);
  const choose = useCallback(
    (page: number, replace: boolean) => {
      setPastEnd(null);
      setPage(page, replace);
    },
    [setPage],
  );
  const goNext = useCallback(() => choose(pageNumber + 1, false), [choose, pageNumber]);
  const goPreviousPage = useCallback(() => choose(pageNumber - 1, false), [choose, pageNumber]);
  const goFirst = useCallback(() => choose(1, false), [choose]);
  const stay = useCallback(() => undefined, []);

  const shownPastEnd = pastEndToShow(pastEnd, { arrived, pageEmpty, filterKey, wantedPage });
  return {
    wantedPage,
    pageCount,
    arrived,
    pastEnd: shownPastEnd,
    walk: null,
    cancelWalk: stay,
    goNext,
    goPrevious: goPreviousPage,
    goFirst,
  };
}
