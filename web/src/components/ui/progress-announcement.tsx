import { useState } from 'react';
import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How far apart the announced steps are: 0, 25, 50, 75 and 100 %. */
const stepPercent = 25;

/**
 * What a screen reader hears of a progress bar: a polite status that speaks at the start, at each
 * quarter and when the work ends or changes state, not at every row or percent (a long import would
 * talk over everything else). The visible figures next to the bar stay exact and silent.
 */
export function ProgressAnnouncement({
  text,
  percent,
  state = '',
}: {
  /** The words to say, e.g. "Checking the file… 120 of 480 rows". */
  text: string;
  percent: number;
  /** A change of state (done, failed, cancelled) is said at once, whatever the percent. */
  state?: string;
}) {
  // A language switch starts a new step too: the words held since the last step would otherwise
  // stay in the language the admin just left.
  const { i18n } = useTranslation();
  const step = `${i18n.language}:${state}:${Math.floor(Math.min(100, Math.max(0, percent)) / stepPercent)}`;
  const [announced, setAnnounced] = useState({ step, text });
  // Adjusted while rendering (React's pattern for state derived from props): no extra frame.
  if (announced.step !== step) setAnnounced({ step, text });
  return (
    <VisuallyHidden role="status" data-testid="progress-announcement">
      {announced.step === step ? announced.text : text}
    </VisuallyHidden>
  );
}
