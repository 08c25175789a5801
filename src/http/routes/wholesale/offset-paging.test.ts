import { describe, expect, it } from 'vitest';
import { nextPageLink } from './offset-paging.ts';

describe('nextPageLink', () => {
  it.each([
    [
      '/v1/wholesale/subscribers',
      { offset: 0, max: 50 },
      '<https://hub.example/v1/wholesale/subscribers?offset=50&max=50>; rel="next"',
    ],
    [
      '/v1/wholesale/subscribers?customerId=c1&max=2&offset=4&sortOrder=DESC',
      { offset: 4, max: 2 },
      '<https://hub.example/v1/wholesale/subscribers?customerId=c1&max=2&offset=6&sortOrder=DESC>; rel="next"',
    ],
    [
      '/v1/wholesale/customers?status=error&status=provisioned&max=1',
      { offset: 0, max: 1 },
      '<https://hub.example/v1/wholesale/customers?status=error&status=provisioned&max=1&offset=1>; rel="next"',
    ],
  ])('%s → the same filters, the next offset', (requestUrl, page, expected) => {
    expect(nextPageLink('https://hub.example', requestUrl, page)).toBe(expected);
  });
});
