/** The frame of the signed-out pages: a calm centred card with the product's name. */
import { Box, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Icon } from '../../app/icons';
import { usePageTitle } from '../../app/Page';

export function AuthLayout({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Box className="tilth-auth-bg" px="md">
      <Center component="main" id="main-content" mih="100vh" py="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Group gap={8} justify="center" c="sage.8">
            <Icon name="leaf" size={30} />
            <Text fw={700} fz={26} c="sage.9">
              Tilth
            </Text>
          </Group>
          <Card shadow="sm" padding="xl">
            <Stack gap="md">
              <Title order={1} fz="1.5rem">
                {title}
              </Title>
              {intro && <Text c="dimmed">{intro}</Text>}
              {children}
            </Stack>
          </Card>
          <Text ta="center" fz="xs" c="dimmed">
            Care records for ketamine-assisted psychotherapy
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
