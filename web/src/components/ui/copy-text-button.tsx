import { useEffect, useState } from 'react';
import { Button, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CopyTextButtonProps {
  value: string;
  /** The button's name, saying what it copies ("Copy record value"); it contains the visible "Copy". */
  label: string;
  /** Said once the text is copied ("Record value copied"); it contains the visible "Copied". */
  copiedLabel: string;
}

type CopyOutcome = 'idle' | 'copied' | 'failed';

/**
 * A small "Copy" button that turns into "Copied" (or "Not copied") for a moment. The change is also
 * put in a polite status message, since a screen reader does not read a focused button's new text
 * by itself. Not Mantine's CopyButton: it says nothing when the browser refuses, and the clipboard
 * is refused on plain http anywhere but localhost, where the admin must be told to copy by hand.
 * It never shrinks: in a row with a long value the value wraps, not the button's label.
 */
export function CopyTextButton({ value, label, copiedLabel }: CopyTextButtonProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CopyOutcome>('idle');

  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = window.setTimeout(() => setOutcome('idle'), outcome === 'copied' ? 2000 : 5000);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      // Undefined outside a secure context: the call then throws, and that is a failure too.
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };

  const copied = outcome === 'copied';
  const failed = outcome === 'failed';
  return (
    <>
      <Button
        size="compact-xs"
        variant={outcome === 'idle' ? 'light' : 'filled'}
        color={copied ? 'teal' : failed ? 'red' : undefined}
        onClick={() => void copy()}
        // The name holds the visible text ("Copied", "Not copied") for voice control.
        aria-label={copied ? copiedLabel : failed ? `${label}: ${t('common.copyFailed')}` : label}
        style={{ flexShrink: 0 }}
      >
        {copied ? t('common.copied') : failed ? t('common.copyFailed') : t('common.copy')}
      </Button>
      <VisuallyHidden role="status">
        {copied ? copiedLabel : failed ? t('common.copyFailedStatus') : ''}
      </VisuallyHidden>
    </>
  );
}
