/**
 * Every page: its document title, one h1, optional actions beside it. After an in-app navigation the h1 takes focus,
 * so screen-reader and keyboard users start at the new page's content.
 */
import { Box, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

let firstPageShown = false;

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Tilth`;
  }, [title]);
}

export interface PageProps {
  title: string;
  /** Shown as the h1 when it differs from the document title (e.g. a patient's name). */
  heading?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, heading, description, actions, children }: PageProps) {
  usePageTitle(title);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPageShown) headingRef.current?.focus({ preventScroll: false });
    firstPageShown = true;
  }, []);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Box style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={1} ref={headingRef} tabIndex={-1}>
            {heading ?? title}
          </Title>
          {description && (
            <Text c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </Box>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
