/** The account's second factor: on or off, with a link to set it up and a form to turn it off. */
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import { ME_KEY, useSession } from '../../app/session';

export function TwoFactorCard() {
  const me = useSession();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const disable = useMutation({
    mutationFn: () => api.delete<void>('/api/me/totp', { code }),
    onSuccess: () => {
      setCode('');
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const required = me.user.role === 'admin' && me.clinic.requireAdminTotp;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate();
  };
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>Two-step sign-in</Title>
          <Badge color={me.totpEnabled ? 'green' : 'gray'}>{me.totpEnabled ? 'On' : 'Off'}</Badge>
        </Group>
        <Text fz="sm">
          With two-step sign-in, signing in also asks for a 6-digit code from an authenticator app on your phone, so a stolen
          password alone is not enough.
        </Text>
        {disable.isSuccess && (
          <Alert color="sage" role="status" variant="light">
            Two-step sign-in is off.
          </Alert>
        )}
        {!me.totpEnabled ? (
          <Group>
            <Button component={Link} to="/account/two-factor" variant="light">
              Set up two-step sign-in
            </Button>
          </Group>
        ) : required ? (
          <Text fz="sm" c="dimmed">
            Your clinic requires two-step sign-in for administrators, so it cannot be turned off.
          </Text>
        ) : (
          <form onSubmit={onSubmit} noValidate aria-label="Turn off two-step sign-in">
            <Stack gap="sm">
              {disable.error && (
                <Alert color="red" role="alert">
                  {disable.error.message}
                </Alert>
              )}
              <Group align="flex-end" gap="sm">
                <TextInput
                  label="Current code from your app"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                  error={fieldErrors(disable.error).code}
                />
                <Button type="submit" variant="default" loading={disable.isPending} disabled={code.length !== 6}>
                  Turn off
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
