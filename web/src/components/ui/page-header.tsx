import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useCustomerName } from '../../lib/use-customer-name.ts';
import { useDocumentTitle } from './use-document-title.ts';
import { useRouteHeadingFocus } from './use-route-heading-focus.ts';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown above the title, e.g. breadcrumbs or a back link. */
  above?: ReactNode;
  /** The screen's part of the document title; by default the title when it is text. */
  documentTitle?: string;
}

export function PageHeader({ title, description, actions, above, documentTitle }: PageHeaderProps) {
  // Every screen has a header: it names the document too, with the customer of a Control Hub (or
  // customer detail) address between the screen and the product.
  const { customerId = '' } = useParams();
  const customerName = useCustomerName(customerId).data;
  useDocumentTitle([documentTitle ?? (typeof title === 'string' ? title : undefined), customerName]);
  const heading = useRouteHeadingFocus<HTMLHeadingElement>();
  return (
    <Stack gap={4} mb="lg">
      {above}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        {/* Grows and wraps its text beside the actions: a long description (a customer's API tokens)
            pushed the actions below it on a wide screen. The basis still lets them wrap on a phone. */}
        <Stack gap={2} style={{ flex: '1 1 20rem', minWidth: 0 }}>
          {/* A long unbroken name or email (a customer's, a user's) wraps anywhere rather than widen the
              page past the screen and over the actions: all of it stays readable. */}
          <Title order={1} size="h2" ref={heading} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {description ? (
            <Text c="dimmed" size="sm" style={{ overflowWrap: 'anywhere' }}>
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
