import { invalidFilter } from '../errors.ts';
import { parseAttributePath } from './attribute-path.ts';
import { COMPARE_OPERATORS } from './ast.ts';
import { assertLiteralTypes } from './literal-types.ts';
import type { AttributePath, CompareOperator, FilterLiteral, FilterNode } from './ast.ts';
import { tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

// Recursive descent over RFC 7644 §3.4.2.2:
//   filter  := or
//   or      := and ("or" and)*          lowest precedence
//   and     := unary ("and" unary)*
//   unary   := "not" unary | primary    RFC requires "not" "(" … ")"; a bare term is accepted too
//   primary := "(" or ")" | attrPath "[" or "]" | attrPath "pr" | attrPath compareOp compValue
// Operators and keywords are case-insensitive. compValue is a JSON string, number, true, false or null;
// leniently (Entra ID sends `name.familyName eq Employee`) any other single word is a string.

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Tokens one filter may have. Directory filters are a handful of terms; the bound keeps the
 * recursive parser, evaluator and SQL translation far from the stack limit (a POST /.search body
 * could otherwise nest thousands of parentheses and answer 500).
 */
export const MAX_FILTER_TOKENS = 1000;

export interface ParseFilterOptions {
  /** Schema URNs recognised as attribute prefixes; defaults to the ones this server knows. */
  readonly knownUrns?: readonly string[];
}

export function parseFilter(input: string, options: ParseFilterOptions = {}): FilterNode {
  if (input.trim() === '') throw invalidFilter('The filter is empty');
  const parser = new FilterParser(tokenize(input), options.knownUrns);
  const filter = parser.parseAll();
  assertLiteralTypes(filter);
  return filter;
}

/** Parses a token stream that starts inside a PATCH path; shared with the path parser. */
export class FilterParser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly knownUrns?: readonly string[],
  ) {
    if (tokens.length > MAX_FILTER_TOKENS) {
      throw invalidFilter(
        `The filter is too complex: at most ${MAX_FILTER_TOKENS} tokens, this one has ${tokens.length}`,
      );
    }
  }

  parseAll(): FilterNode {
    const node = this.parseOr();
    const next = this.peek();
    if (next !== undefined) throw invalidFilter(`Unexpected ${describe(next)} at position ${next.pos}`);
    return node;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  /** Position after the last consumed token, for callers that continue past a bracketed filter. */
  get consumed(): number {
    return this.index;
  }

  expect(type: '(' | ')' | '[' | ']'): void {
    const token = this.peek();
    if (token?.type !== type) {
      throw invalidFilter(
        token === undefined
          ? `Expected "${type}" at the end of the filter`
          : `Expected "${type}" but found ${describe(token)} at position ${token.pos}`,
      );
    }
    this.index++;
  }

  parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    const token = this.peek();
    const next = this.peek(1);
    // `not` is a keyword unless it is an attribute named "not" followed by an operator.
    if (
      token?.type === 'word' &&
      token.text.toLowerCase() === 'not' &&
      !(next?.type === 'word' && isOperator(next.text))
    ) {
      this.index++;
      return { kind: 'not', expr: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    const token = this.peek();
    if (token === undefined) throw invalidFilter('The filter ends where an expression was expected');
    if (token.type === '(') {
      this.index++;
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (token.type !== 'word') throw invalidFilter(`Unexpected ${describe(token)} at position ${token.pos}`);
    this.index++;
    const path = parseAttributePath(token.text, invalidFilter, this.knownUrns);
    if (this.peek()?.type === '[') {
      if (path.subAttr !== undefined) throw invalidFilter(`A value filter cannot follow "${token.text}"`);
      this.index++;
      const filter = this.parseOr();
      this.expect(']');
      return { kind: 'valuePath', path, filter };
    }
    return this.parseComparison(path, token.text);
  }

  private parseComparison(path: AttributePath, pathText: string): FilterNode {
    const opToken = this.peek();
    if (opToken?.type !== 'word') {
      throw invalidFilter(`Expected an operator after "${pathText}"`);
    }
    const opText = opToken.text.toLowerCase();
    this.index++;
    if (opText === 'pr') return { kind: 'present', path };
    if (!isOperator(opText)) {
      throw invalidFilter(`Unknown operator "${opToken.text}" at position ${opToken.pos}`);
    }
    const op = opText as CompareOperator;
    return { kind: 'compare', path, op, value: this.parseValue(pathText, op) };
  }

  private parseValue(pathText: string, op: CompareOperator): FilterLiteral {
    const token = this.peek();
    if (token === undefined || (token.type !== 'string' && token.type !== 'word')) {
      throw invalidFilter(`Expected a value after "${pathText} ${op}"`);
    }
    this.index++;
    if (token.type === 'string') return token.value;
    const lower = token.text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (NUMBER.test(token.text)) return Number(token.text);
    return token.text;
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === keyword;
  }
}

function isOperator(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'pr' || (COMPARE_OPERATORS as readonly string[]).includes(lower);
}

function describe(token: Token): string {
  if (token.type === 'word') return `"${token.text}"`;
  if (token.type === 'string') return `string ${JSON.stringify(token.value)}`;
  return `"${token.type}"`;
}
