import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs" py="lg">
        <Title order={2} size="h4">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm" ta="center" maw={480}>
            {description}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Paper>
  );
}
