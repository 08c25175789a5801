/** SPEC §2: a customer's extensions are 2 to 10 digits long. */
export const extensionLengthRange = { min: 2, max: 10 } as const;

/** Whether the form's value (a number, or the text typed so far) is an allowed extension length. */
export function isExtensionLength(value: number | string): boolean {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(number) && number >= extensionLengthRange.min && number <= extensionLengthRange.max;
}
