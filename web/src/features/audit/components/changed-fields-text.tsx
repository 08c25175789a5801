import { useId, useLayoutEffect, useRef, useState } from 'react';
import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * An audit event's changed fields, three lines at first and a More/Less button when there are more.
 * Not Mantine's Spoiler: it makes every row's text a "region" landmark, dozens of unnamed ones a page.
 */
export function ChangedFieldsText({ text }: { text: string }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && !expanded) setOverflows(element.scrollHeight > element.clientHeight + 1);
  }, [text, expanded]);
  return (
    <>
      <Text
        ref={ref}
        id={id}
        size="xs"
        ff="monospace"
        lineClamp={expanded ? undefined : 3}
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', lineHeight: '16px' }}
      >
        {text}
      </Text>
      {overflows ? (
        <Anchor
          component="button"
          type="button"
          size="xs"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('audit.less') : t('audit.more')}
        </Anchor>
      ) : null}
    </>
  );
}
