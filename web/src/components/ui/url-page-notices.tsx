import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProgressAnnouncement } from './progress-announcement.tsx';
import type { UrlPage } from './use-url-page.ts';

/**
 * What a list paged in the URL says about the page asked for: how far a long walk to it has come
 * (with a way to stop it), or that the page asked for does not exist and this is the last page.
 */
export function UrlPageNotices({ urlPage }: { urlPage: UrlPage }) {
  const { t } = useTranslation();
  const { walk, pastEnd } = urlPage;
  if (walk) {
    const text = t('common.pageWalk', { target: walk.target, reached: walk.reached });
    const percent = (walk.reached / walk.target) * 100;
    return (
      <Stack gap={4} mb="sm" data-testid="page-walk">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{text}</Text>
          <Button variant="default" size="xs" onClick={urlPage.cancelWalk}>
            {t('common.pageWalkStop')}
          </Button>
        </Group>
        <Progress value={percent} aria-label={text} size="sm" />
        <ProgressAnnouncement text={text} percent={percent} />
      </Stack>
    );
  }
  if (pastEnd) {
    return (
      <Alert
        role="status"
        color="blue"
        mb="sm"
        title={t('common.pagePastEndTitle', { page: pastEnd.asked })}
        data-testid="page-past-end"
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t('common.pagePastEndText', { count: pastEnd.pages })}</Text>
          {pastEnd.pages > 1 ? (
            <Button variant="default" size="xs" onClick={urlPage.goFirst}>
              {t('common.firstPage')}
            </Button>
          ) : null}
        </Group>
      </Alert>
    );
  }
  return null;
}
