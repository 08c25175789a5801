// Why an import stopped, when the reason is the product's and not a crash: stored as a code on the
// import (`failure`) and shown in the reader's language. Other failures are stored as their text.
import type { Locale } from '../../domain/messages/locale.ts';

export const UPLOADER_NO_LONGER_STANDS = 'uploader_no_longer_stands';
/** A GDPR erasure deleted the uploaded file because it named the erased person. */
export const FILE_ERASED = 'file_erased';

const FAILURE_TEXTS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  [UPLOADER_NO_LONGER_STANDS]: {
    en:
      'Stopped: the API token or admin account that started this import was revoked, disabled or ' +
      'lost write access before the import finished. Rows applied before it stopped, if any, are ' +
      'kept; upload the file again to finish it.',
    nl:
      'Gestopt: het API-token of beheerdersaccount waarmee deze import is gestart, is ingetrokken, ' +
      'uitgeschakeld of heeft geen schrijfrechten meer. Rijen die al waren verwerkt, blijven bewaard; ' +
      'upload het bestand opnieuw om de import af te ronden.',
  },
  [FILE_ERASED]: {
    en:
      'Cancelled: the uploaded file named a person whose personal data was erased (GDPR), so the ' +
      "file was deleted. Rows already applied stay; upload the file again without the person's row " +
      'to finish.',
    nl:
      'Geannuleerd: het geüploade bestand noemde een persoon van wie de persoonsgegevens zijn ' +
      'gewist (AVG), dus het bestand is verwijderd. Rijen die al waren verwerkt, blijven bewaard; ' +
      'upload het bestand opnieuw zonder de rij van die persoon om de import af te ronden.',
  },
};

export function failureText(failure: string | null, locale: Locale): string | null {
  if (failure === null) return null;
  return FAILURE_TEXTS[failure]?.[locale] ?? failure;
}
