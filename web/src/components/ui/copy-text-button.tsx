import { Button, CopyButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CopyTextButtonProps {
  value: string;
  /** The button's name, saying what it copies ("Copy record value"); it contains the visible "Copy". */
  label: string;
  /** Said once the text is copied ("Record value copied"); it contains the visible "Copied". */
  copiedLabel: string;
}

/**
 * A small "Copy" button that turns into "Copied" for a moment. The change is also put in a polite
 * status message, since a screen reader does not read a focused button's new text by itself.
 */
export function CopyTextButton({ value, label, copiedLabel }: CopyTextButtonProps) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <>
          <Button
            size="compact-xs"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : undefined}
            onClick={copy}
            aria-label={copied ? copiedLabel : label}
          >
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
          <VisuallyHidden role="status">{copied ? copiedLabel : ''}</VisuallyHidden>
        </>
      )}
    </CopyButton>
  );
}
