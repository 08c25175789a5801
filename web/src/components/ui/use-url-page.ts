import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** What `useUrlPage` needs of a list's cursor paging (`useCursorPages`). */
export interface UrlPagedList {
  readonly items: readonly unknown[];
  readonly pageNumber: number;
  readonly hasNext: boolean;
  readonly isFetching: boolean;
  readonly isError: boolean;
  readonly isSuccess: boolean;
  readonly isPlaceholderData: boolean;
  goToPage(target: number): void;
  goPrevious(): void;
}

/** The URL named a page past the end: the list settled on its last page, `pages`. */
export interface PastEnd {
  readonly asked: number;
  readonly pages: number;
}

/** On the way to a page several requests away (cursor paging reaches page N through the pages before it). */
export interface PageWalk {
  readonly target: number;
  readonly reached: number;
}

export interface UrlPage {
  /** The page `?page=` asks for. */
  readonly wantedPage: number;
  /** How many pages the list has, where it is known (a list paged by offset with its count). */
  readonly pageCount?: number | null;
  /** The page asked for is on screen (not a page on the way to it, nor an empty page past the end). */
  readonly arrived: boolean;
  readonly pastEnd: PastEnd | null;
  readonly walk: PageWalk | null;
  /** Stops a walk where it is: the page being fetched becomes the page in the URL. */
  cancelWalk(): void;
  goNext(): void;
  goPrevious(): void;
  goFirst(): void;
}

/** `?page=` as a page number: anything that is not a whole number of at least 1 means the first page. */
export function pageNumberOf(value: string | null): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : 1;
}

const pageParam = (page: number): string | null => (page > 1 ? String(page) : null);

/** The page `?page=` asks for, and how to change it (`replace` keeps Back from leading to the page left). */
export function usePageParam(): {
  wantedPage: number;
  setPage: (page: number, replace: boolean) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const wantedPage = pageNumberOf(searchParams.get('page'));
  const setPage = useCallback(
    (page: number, replace: boolean) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          const value = pageParam(page);
          if (value) next.set('page', value);
          else next.delete('page');
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );
  return { wantedPage, setPage };
}

/** A page past the end as remembered by a URL-paged list: the filters it was asked under. */
export type RememberedPastEnd = PastEnd & { readonly filterKey: string };

/**
 * The page past the end to tell of: only once the page the URL settled on is on screen under the
 * same filters, and not over an empty list (its empty state says more than "there is 1 page").
 */
export function pastEndToShow(
  pastEnd: RememberedPastEnd | null,
  shown: { arrived: boolean; pageEmpty: boolean; filterKey: string; wantedPage: number },
): PastEnd | null {
  return shown.arrived &&
    !shown.pageEmpty &&
    pastEnd &&
    pastEnd.filterKey === shown.filterKey &&
    pastEnd.pages === shown.wantedPage &&
    pastEnd.asked > pastEnd.pages
    ? { asked: pastEnd.asked, pages: pastEnd.pages }
    : null;
}

/**
 * The page of a cursor-paged list kept in the URL (`?page=`), so a reload, a shared link and
 * back/forward show the same page. Cursor paging cannot jump to page N by itself: the list is walked
 * there (one request per 200 rows, see useCursorPages) with `walk` telling how far it got. A page
 * past the end comes back empty (or the list ends before it): the list steps back to its last page,
 * the URL is settled there (so it tells the truth), and `pastEnd` says which page was asked for.
 *
 * `filterKey` is the list's search and filters: a new one starts again at the first page.
 */
export function useUrlPage(list: UrlPagedList, filterKey: string): UrlPage {
  const { wantedPage, setPage } = usePageParam();

  // The page first asked for when the list turned out to end before it, and the page the URL was
  // settled on since; shown while the URL still names that page under the same filters.
  const [pastEnd, setPastEnd] = useState<RememberedPastEnd | null>(null);
  const asked = useRef<number | null>(null);
  // The page a walk of more than one request is heading for (not a plain "next").
  const [walkingTo, setWalkingTo] = useState<number | null>(null);

  const { pageNumber, hasNext, isFetching, isError, goToPage, goPrevious } = list;
  const pageEmpty = list.items.length === 0;
  useEffect(() => {
    if (isFetching || isError) return;
    if (pageNumber > 1 && pageEmpty) {
      // Past the end: settled in the URL at once, so a stale "next" of the page before cannot lead here again.
      asked.current ??= wantedPage;
      setPastEnd({ asked: asked.current, pages: pageNumber - 1, filterKey });
      setPage(pageNumber - 1, true);
      goPrevious();
    } else if (pageNumber > wantedPage) goPrevious();
    else if (pageNumber < wantedPage) {
      if (hasNext) {
        setWalkingTo(wantedPage);
        goToPage(wantedPage);
      } else {
        // The list ends before the page asked for: this is its last page.
        setPastEnd({ asked: asked.current ?? wantedPage, pages: pageNumber, filterKey });
        asked.current = null;
        setPage(pageNumber, true);
      }
    } else asked.current = null;
  }, [
    pageNumber,
    wantedPage,
    pageEmpty,
    hasNext,
    isFetching,
    isError,
    goToPage,
    goPrevious,
    setPage,
    filterKey,
  ]);

  const arrived =
    list.isSuccess && !list.isPlaceholderData && pageNumber === wantedPage && !(pageNumber > 1 && pageEmpty);
  const walking = !arrived && !isError && (pageNumber < wantedPage || walkingTo === wantedPage);
  const walk = walking ? { target: wantedPage, reached: Math.min(pageNumber, wantedPage) } : null;

  /** A page the admin chose: what was said of an earlier walk or of a page past the end is over. */
  const choose = useCallback(
    (page: number, replace: boolean) => {
      setWalkingTo(null);
      setPastEnd(null);
      asked.current = null;
      setPage(page, replace);
    },
    [setPage],
  );
  const cancelWalk = useCallback(() => choose(pageNumber, true), [choose, pageNumber]);
  const goNext = useCallback(() => choose(pageNumber + 1, false), [choose, pageNumber]);
  const goPreviousPage = useCallback(() => choose(pageNumber - 1, false), [choose, pageNumber]);
  const goFirst = useCallback(() => choose(1, false), [choose]);

  const shownPastEnd = pastEndToShow(pastEnd, { arrived, pageEmpty, filterKey, wantedPage });
  return {
    wantedPage,
    arrived,
    pastEnd: shownPastEnd,
    walk,
    cancelWalk,
    goNext,
    goPrevious: goPreviousPage,
    goFirst,
  };
}
