/** The minimum the server accepts; checked here too so the form says so before sending. */
export const minimumPasswordLength = 10;

export function passwordProblem(password: string): 'validation.passwordTooShort' | null {
  return password.length < minimumPasswordLength ? 'validation.passwordTooShort' : null;
}
