import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProgressAnnouncement } from '../../../components/ui/progress-announcement.tsx';
import { byteSizeText } from '../api/byte-size-text.ts';
import type { UploadProgress } from '../api/upload-with-progress.ts';

/**
 * How much of the file has been sent, while it is: on a slow line a few megabytes take half a
 * minute, and a spinning button alone reads as hung. The upload can be stopped from here.
 */
export function UploadProgressPanel({
  progress,
  onCancel,
}: {
  progress: UploadProgress;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const percent =
    progress.total > 0 ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100)) : 0;
  const sent = t('imports.uploadProgress', {
    sent: byteSizeText(progress.loaded, i18n.language),
    total: byteSizeText(progress.total, i18n.language),
    percent,
  });
  return (
    <Paper data-testid="upload-progress-panel">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {t('imports.uploading')}
          </Text>
          <Text size="sm" c="dimmed" data-testid="upload-progress-text">
            {sent}
          </Text>
        </Group>
        <ProgressAnnouncement text={`${t('imports.uploading')} ${sent}`} percent={percent} />
        <Progress
          value={percent}
          size="lg"
          animated={percent < 100}
          aria-label={t('imports.uploading')}
          data-testid="upload-progress"
          data-percent={percent}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="cancel-upload">
            {t('imports.cancelUpload')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
