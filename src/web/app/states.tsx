/** Shared loading, error and not-found views. */
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError, messageOf } from '../api/client';
import { Page } from './Page';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden="true" />
        <Text c="dimmed" fz="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function ErrorAlert({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {messageOf(error)}
    </Alert>
  );
}

export function NotFoundPage({ what = 'page' }: { what?: string }) {
  return (
    <Page title="Not found" heading={`${what[0]!.toUpperCase()}${what.slice(1)} not found`}>
      <Text>
        There is no {what} at this address, or you do not have access to it. Check the address, or go back to where you
        were.
      </Text>
      <div>
        <Button component={Link} to="/" variant="light">
          Go to the start page
        </Button>
      </div>
    </Page>
  );
}

/** A page whose main query failed: "not found" for 404s, the server's message otherwise. */
export function QueryFailure({ error, what }: { error: unknown; what: string }) {
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage what={what} />;
  return (
    <Page title="Something went wrong">
      <ErrorAlert error={error} title={`The ${what} could not be loaded`} />
    </Page>
  );
}
