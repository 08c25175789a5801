export type ExpiryChoice = 'never' | '30' | '90' | '365';

export const expiryChoices: ExpiryChoice[] = ['never', '30', '90', '365'];

/** The `expiresAt` to send for a choice of days from `now`; none for a token that never expires. */
export function expiresAtFor(choice: ExpiryChoice, now: Date): string | undefined {
  if (choice === 'never') return undefined;
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}
