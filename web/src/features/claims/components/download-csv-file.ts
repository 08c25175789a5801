/**
 * Has the browser save `text` as the CSV file `name`: a Blob behind an object URL, made in the page
 * (the claim results are already there) and let go once the download has started. The UTF-8 BOM
 * makes Excel read the Dutch texts' accents as UTF-8; the server's CSV reader takes it too.
 */
export function downloadCsvFile(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
