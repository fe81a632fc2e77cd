/** Setting up an authenticator app: get a secret, add it to the app, confirm with a current code. */
import { Alert, Anchor, Button, Card, Code, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import { homeFor } from '../../app/nav';
import { Page } from '../../app/Page';
import { fetchMe, ME_KEY, useSession } from '../../app/session';
import { TotpQrCode } from './TotpQrCode';

export function TwoFactorPage() {
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: () => api.post<{ secret: string; uri: string }>('/api/me/totp') });
  const confirm = useMutation({
    mutationFn: () => api.post<void>('/api/me/totp/confirm', { code }),
    onSuccess: async () => {
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      navigate(me.mustEnrollTotp ? homeFor(me.user.role) : '/account', { replace: true });
    },
  });
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  if (me.totpEnabled) {
    return (
      <Page title="Two-step sign-in">
        <Alert color="sage" role="status">Two-step sign-in is already on for your account.</Alert>
        <Anchor component={Link} to="/account">Back to your account</Anchor>
      </Page>
    );
  }

  return (
    <Page title="Set up two-step sign-in" description="You will need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or 1Password.">
      {me.mustEnrollTotp && (
        <Alert color="blue" role="status" title="Required by your clinic">
          Your clinic requires two-step sign-in for administrators. Set it up to continue.
        </Alert>
      )}
      <Card>
        <Stack gap="md">
          <Title order={2}>1. Add Tilth to your authenticator app</Title>
          {!start.data ? (
            <>
              <Text>Tilth will create a secret key for your account. You add it to your app once.</Text>
              {start.error && <Alert color="red" role="alert">{start.error.message}</Alert>}
              <Group>
                <Button onClick={() => start.mutate()} loading={start.isPending}>
                  Create my secret key
                </Button>
              </Group>
            </>
          ) : (
            <>
              <Text>Scan this code with your authenticator app:</Text>
              <TotpQrCode uri={start.data.uri} />
              <Text>Or, if you cannot scan it:</Text>
              <List type="ordered" spacing="xs">
                <List.Item>In your authenticator app, choose to add an account by entering a key.</List.Item>
                <List.Item>Enter your email ({me.email}) as the account name and this key:</List.Item>
              </List>
              <Code block fz="lg" className="tilth-mono" aria-label="Secret key" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {start.data.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Code>
              <Text fz="sm">
                On this phone? <Anchor href={start.data.uri}>Open the key in your authenticator app</Anchor>.
              </Text>
            </>
          )}
        </Stack>
      </Card>
      {start.data && (
        <Card>
          <form onSubmit={onConfirm} noValidate aria-label="Confirm authenticator code">
            <Stack gap="md">
              <Title order={2}>2. Confirm with a code</Title>
              {confirm.error && <Alert color="red" role="alert">{confirm.error.message}</Alert>}
              <Group align="flex-end" gap="sm">
                <TextInput
                  label="6-digit code from the app"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                  error={fieldErrors(confirm.error).code}
                />
                <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                  Turn on two-step sign-in
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Page>
  );
}
