import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';
import type { VerifiedDomain } from '../api/claims.ts';
import { useVerifyDomain } from '../api/claims.ts';

/**
 * One domain's "Verify": its own request and its own guard, so a double click sends one DNS lookup
 * and a lookup on its way leaves the other domains' buttons as they are. The page hears when a
 * lookup starts and what it answered (or why it failed), for its messages.
 */
export function VerifyDomainButton({
  customerId,
  domain,
  onStart,
  onAnswer,
  onError,
}: {
  customerId: string;
  domain: string;
  onStart: (domain: string) => void;
  onAnswer: (domain: string, answer: VerifiedDomain) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const verify = useVerifyDomain(customerId);
  const verifyOnce = useSubmitOnce();
  return (
    <Button
      size="xs"
      onClick={() =>
        verifyOnce.run(
          () => {
            onStart(domain);
            return verify.mutateAsync(domain);
          },
          { onSuccess: (answer) => onAnswer(domain, answer), onError },
        )
      }
      loading={verifyOnce.pending}
      // One "Verify" per domain: the name says which (the visible text stays "Verify", WCAG 2.5.3).
      aria-label={t('claims.verifyNamed', { domain })}
    >
      {t('claims.verify')}
    </Button>
  );
}
