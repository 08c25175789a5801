/**
 * How long the file's object URL outlives the click. Some browsers (Firefox, Safari) read the URL
 * after `click()` has returned, and a URL revoked at once can cancel their download; a file of a few
 * thousand accounts is small enough to hold this long (FileSaver.js waits 40 s too).
 */
export const OBJECT_URL_LIFETIME_MS = 40_000;

/**
 * Has the browser save `text` as the CSV file `name`: a Blob behind an object URL, made in the page
 * (the claim results are already there) and let go once the download has had time to start. The
 * UTF-8 BOM makes Excel read the Dutch texts' accents as UTF-8; the server's CSV reader takes it too.
 */
export function downloadCsvFile(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}
