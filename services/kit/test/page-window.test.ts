// Every connection reads its arguments through pageWindow(): forward with first/after, backward with last/before.
import { BadInputError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageInfoOf, pageWindow, type PageArgs } from '@ess/kit';

const fieldOf = (args: PageArgs): string | undefined => {
  try {
    pageWindow(args);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as BadInputError).problems[0].field;
  }
};

describe('pageWindow', () => {
  it('pages forward by default, with first/after', () => {
    expect(pageWindow({})).toEqual({ size: DEFAULT_PAGE_SIZE, cursor: null, backward: false });
    expect(pageWindow({ first: 5, after: 'c' })).toEqual({ size: 5, cursor: 'c', backward: false });
  });

  it('pages backward with last, or with before alone (the default size from the cursor)', () => {
    expect(pageWindow({ last: 5 })).toEqual({ size: 5, cursor: null, backward: true });
    expect(pageWindow({ last: 3, before: 'c' })).toEqual({ size: 3, cursor: 'c', backward: true });
    expect(pageWindow({ before: 'c' })).toEqual({ size: DEFAULT_PAGE_SIZE, cursor: 'c', backward: true });
  });

  it('refuses the two directions mixed, and sizes out of bounds, naming the argument', () => {
    expect(fieldOf({ first: 2, last: 2 })).toBe('last');
    expect(fieldOf({ after: 'a', before: 'b' })).toBe('before');
    expect(fieldOf({ last: 2, after: 'a' })).toBe('after');
    expect(fieldOf({ first: 2, before: 'b' })).toBe('first');
    expect(fieldOf({ first: -1 })).toBe('first');
    expect(fieldOf({ last: MAX_PAGE_SIZE + 1 })).toBe('last');
  });

  it('says where a page stands: a backward page has a next page when it started from a cursor', () => {
    const edges = [{ cursor: 'x' }, { cursor: 'y' }];
    const forward = pageInfoOf({ size: 2, cursor: null, backward: false }, edges, true);
    expect(forward).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'x', endCursor: 'y' });
    const beforeCursor = pageInfoOf({ size: 2, cursor: 'c', backward: true }, edges, false);
    expect(beforeCursor).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'x', endCursor: 'y' });
    const fromEnd = pageInfoOf({ size: 2, cursor: null, backward: true }, [], true);
    expect(fromEnd).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
