import { useEffect } from 'react';

/**
 * WCAG 3.3.1: after a rejected submit, focus moves to the first field that says what is wrong, so a
 * keyboard or screen-reader user lands on it and hears its error (Mantine ties the message to the
 * field with aria-describedby and marks it aria-invalid). Called after the render that shows the
 * errors: a task later, when React has drawn them. Focus the person moved elsewhere meanwhile stays.
 */
export function focusFirstInvalidField(within: ParentNode, doc: Document = document): void {
  setTimeout(() => {
    const active = doc.activeElement;
    const focusLeft = active !== null && active !== doc.body && !within.contains(active);
    if (focusLeft) return;
    within.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}

/**
 * App-wide for every form: a submit that the form's validation stopped leaves its errors on the
 * fields, and focus goes to the first. A form that was sent has no invalid field left to find.
 */
export function installInvalidFieldFocus(doc: Document = document): () => void {
  const onSubmit = (event: Event) => {
    if (event.target instanceof HTMLFormElement) focusFirstInvalidField(event.target, doc);
  };
  doc.addEventListener('submit', onSubmit);
  return () => doc.removeEventListener('submit', onSubmit);
}

export function useInvalidFieldFocus(): void {
  useEffect(() => installInvalidFieldFocus(), []);
}
