/** /set-password?token=…: choosing a first password (invitation) or a new one (reset link). */
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import { leaveSignInNotice } from '../../app/session';
import { AuthLayout } from './AuthLayout';

export const MIN_PASSWORD_LENGTH = 12;

export function SetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const complete = useMutation({
    mutationFn: () => api.post<void>('/api/password-reset/complete', { token, password }, { quiet: true }),
    onSuccess: () => {
      leaveSignInNotice({ notice: 'Your password is set. Sign in with it now.' });
      navigate('/sign-in', { replace: true, state: { notice: 'Your password is set. Sign in with it now.' } });
    },
  });

  if (!token) {
    return (
      <AuthLayout title="Choose a password">
        <Alert color="red" role="alert" title="This link is incomplete">
          Open the link from your email again, or ask for a new one.
        </Alert>
        <Anchor component={Link} to="/forgot-password">
          Ask for a new link
        </Anchor>
      </AuthLayout>
    );
  }

  const fields = fieldErrors(complete.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setLocalError('The two passwords are not the same.');
      return;
    }
    setLocalError(null);
    complete.mutate();
  };

  return (
    <AuthLayout title="Choose a password" intro={`Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {complete.error && (
            <Alert color="red" role="alert" title="The password was not set">
              {complete.error.message}
              {fields.token && (
                <>
                  {' '}
                  <Anchor component={Link} to="/forgot-password">
                    Ask for a new link
                  </Anchor>
                  .
                </>
              )}
            </Alert>
          )}
          <PasswordInput
            label="New password"
            name="new-password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.password}
            description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          />
          <PasswordInput
            label="Repeat the new password"
            name="confirm-password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={localError ?? undefined}
          />
          <Button type="submit" loading={complete.isPending} fullWidth>
            Set password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
