import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from './language-switch.tsx';
import { useDocumentTitle } from './use-document-title.ts';
import { useRouteHeadingFocus } from './use-route-heading-focus.ts';

/** The centered card of the signed-out pages (sign-in, sign-up, invite, password reset). */
export function AuthCardLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  useDocumentTitle([title]);
  const heading = useRouteHeadingFocus<HTMLHeadingElement>();
  return (
    <Box mih="100vh" bg="gray.0" p="md">
      {/* Landmarks, as in the signed-in layout: the language choice in a banner, the card as main. */}
      <Group component="header" justify="flex-end">
        <LanguageSwitch />
      </Group>
      <Center component="main" mih="80vh">
        <Paper w="100%" maw={420} p="xl" shadow="sm">
          <Stack gap="lg">
            <Stack gap={4}>
              <Text fw={700} c="blue.8" size="sm" tt="uppercase" lts={1}>
                Wholesale Hub
              </Text>
              <Title order={1} size="h2" ref={heading} tabIndex={-1}>
                {title}
              </Title>
              {subtitle ? (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
