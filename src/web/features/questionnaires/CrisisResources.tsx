/**
 * The clinic's crisis resources, shown at once when an answer raised a safety flag: an alert that takes focus, the
 * clinic's own words with every phone number as a tel: link (988, 911, …) and web addresses as links, a large call
 * button for the first number, and a note that the care team has been told.
 */
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

const TOKEN = /(\b(?:988|911|999|112|000)\b|\+?\d[\d ().-]{5,}\d|\b(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|gov|us|uk|ca|au|nz|ie)\b(?:\/[^\s)]*)?)/gi;

const isPhone = (token: string) => /^\+?[\d ().-]+$/.test(token);
const telOf = (token: string) => `tel:${token.replace(/[^\d+]/g, '')}`;

/** The text with its phone numbers and web addresses as links. */
export function linkify(text: string): { nodes: ReactNode[]; phones: string[] } {
  const nodes: ReactNode[] = [];
  const phones: string[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) nodes.push(text.slice(last, at));
    if (isPhone(token)) {
      phones.push(token);
      nodes.push(
        <Anchor key={at} href={telOf(token)} c="red.9" underline="always">
          {token}
        </Anchor>,
      );
    } else {
      const href = /^https?:\/\//i.test(token) ? token : `https://${token}`;
      nodes.push(
        <Anchor key={at} href={href} target="_blank" rel="noopener noreferrer" c="red.9" underline="always">
          {token}
        </Anchor>,
      );
    }
    last = at + token.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return { nodes, phones };
}

export function CrisisResources({ text, onBehalf = false }: { text: string; onBehalf?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const { nodes, phones } = linkify(text);
  const first = phones[0];
  return (
    <Alert ref={ref} tabIndex={-1} role="alert" color="red" variant="light" className="tilth-crisis" title={onBehalf ? 'A safety alert was raised' : 'You do not have to go through this alone'}>
      <Stack gap="md">
        {onBehalf ? (
          <Text>
            One of the answers raised a safety flag. The care team has been alerted; the alert stays open in the safety queue until someone
            documents the action taken. These are the crisis resources the patient is shown:
          </Text>
        ) : (
          <Text fw={600}>Some of your answers tell us you may be going through a very hard time. Help is available right now.</Text>
        )}
        <Text fz="lg" c="dark.9">
          {nodes}
        </Text>
        {first && !onBehalf && (
          <Group>
            <Button component="a" href={telOf(first)} color="red.9" size="md">
              Call {first}
            </Button>
          </Group>
        )}
        {!onBehalf && (
          <Text>
            Your care team has been told about your answers and will be in touch with you. If you are in danger right now, please do not wait
            for them: use the numbers above.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
