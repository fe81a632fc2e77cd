/**
 * The signed-in person's calendar feed: a secret address their calendar app subscribes to. It is shown once, when
 * made; making a new one stops the old one; it can be turned off.
 */
import { Alert, Anchor, Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { feedApi, useFeedStatus, useFeedWrite } from './queries';

export function FeedCard({ patient }: { patient: boolean }) {
  const me = useSession();
  const status = useFeedStatus();
  const create = useFeedWrite(feedApi.create);
  const revoke = useFeedWrite(feedApi.revoke);
  const url = create.data && !revoke.isSuccess ? create.data.url : null;
  const active = status.data?.active ?? false;
  return (
    <Card>
      <Stack gap="sm">
        <Title order={2}>Add {patient ? 'your appointments' : 'your sessions'} to your calendar</Title>
        <Text fz="sm">
          Subscribe to a private link in your calendar app (Google Calendar, Apple Calendar, Outlook); new and moved appointments show up by
          themselves. {patient ? 'Anyone with the link sees your appointment times, so keep it to yourself.' : 'Patients appear by initials unless the clinic allows names.'}
        </Text>
        <FormError error={create.error ?? revoke.error} title="The calendar link was not changed" />
        {url ? (
          <Stack gap="xs">
            <Alert color="sage" variant="light" role="status">
              {create.data!.rotated ? 'Here is your new link: the old one no longer works.' : 'Here is your link.'} Copy it now: for your privacy it is
              shown only this once.
            </Alert>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput label="Calendar link" value={url} readOnly onFocus={(e) => e.currentTarget.select()} style={{ flex: 1, minWidth: 0 }} />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant={copied ? 'light' : 'filled'} onClick={copy} aria-live="polite">
                    {copied ? 'Copied' : 'Copy link'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Anchor href={url.replace(/^https?:/, 'webcal:')} fz="sm" w="fit-content">
              Open it in my calendar app
            </Anchor>
          </Stack>
        ) : (
          active && (
            <Text fz="sm">
              You have a calendar link{status.data?.createdAt ? `, made ${formatInstant(status.data.createdAt, me.clinic.timeZone)}` : ''}. Lost it? Get
              a new one; the old one then stops working.
            </Text>
          )
        )}
        <Group gap="sm">
          <Button variant={url ? 'default' : 'filled'} onClick={() => (revoke.reset(), create.mutate())} loading={create.isPending}>
            {active || url ? 'Get a new calendar link' : 'Get my calendar link'}
          </Button>
          {(active || url) && (
            <Button variant="subtle" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              Turn off the calendar link
            </Button>
          )}
        </Group>
        {revoke.isSuccess && !url && (
          <Text fz="sm" role="status">
            The calendar link is turned off; calendar apps subscribed to it stop updating.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
