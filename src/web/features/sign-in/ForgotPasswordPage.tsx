/** Asks for a reset link; the answer is the same whether or not the account exists. */
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const reset = useMutation({ mutationFn: () => api.post<{ message: string }>('/api/password-reset', { email }, { quiet: true }) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };

  return (
    <AuthLayout title="Reset your password" intro="Enter the email address you sign in with. We will send you a link to choose a new password.">
      {reset.isSuccess ? (
        <Stack gap="md">
          <Alert color="sage" role="status" title="Check your email">
            {reset.data.message} The link works once and expires after an hour.
          </Alert>
          <Anchor component={Link} to="/sign-in">
            Back to sign-in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {reset.error && (
              <Alert color="red" role="alert">
                {reset.error.message}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors(reset.error).email}
            />
            <Button type="submit" loading={reset.isPending} fullWidth>
              Send reset link
            </Button>
            <Anchor component={Link} to="/sign-in" ta="center" fz="sm">
              Back to sign-in
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
