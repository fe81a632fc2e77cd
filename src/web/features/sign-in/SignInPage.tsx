/** Sign-in: email and password, then a 6-digit code when the account has a second factor. */
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError, fieldErrors, setCsrfToken } from '../../api/client';
import type { Me, SignInResponse } from '../../api/types';
import { homeFor } from '../../app/nav';
import { clearSignInNotice, fetchMe, ME_KEY, peekSignInNotice, useMe, type SignInNotice } from '../../app/session';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [state] = useState<SignInNotice>(() => {
    const given = (location.state ?? {}) as SignInNotice;
    const left = peekSignInNotice();
    // A notice left on purpose (sign-out, ended session) wins over the redirect's own state.
    return left.notice ? left : given;
  });
  useEffect(() => clearSignInNotice(), []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: () =>
      api.post<SignInResponse>('/api/session', { email, password, ...(needsTotp ? { totp: totp.trim() } : {}) }, { quiet: true }),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      const fresh = await queryClient.fetchQuery<Me | null>({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      const role = fresh?.user.role ?? result.user.role;
      const target = result.mustEnrollTotp ? '/account/two-factor' : safeFrom(state.from) ?? homeFor(role);
      navigate(target, { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') setNeedsTotp(true);
    },
  });

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={homeFor(me.data.user.role)} replace />;

  const error = signIn.error;
  const askingForCode = error instanceof ApiError && error.code === 'TOTP_REQUIRED';
  const fields = fieldErrors(error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <AuthLayout title="Sign in to Tilth">
      {state.notice && !error && (
        <Alert color="sage" variant="light" role="status">
          {state.notice}
        </Alert>
      )}
      {error && !askingForCode && (
        <Alert color="red" variant="light" role="alert" title="Could not sign in">
          {error.message}
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fields.email}
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fields.password}
          />
          {needsTotp && (
            <TextInput
              ref={totpRef}
              label="Authenticator code"
              description="Enter the 6-digit code from your authenticator app."
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={totp}
              onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, ''))}
              error={askingForCode ? undefined : fields.totp}
            />
          )}
          <Button type="submit" loading={signIn.isPending} fullWidth size="md">
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" ta="center" fz="sm">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** Only same-app paths are followed after sign-in. */
function safeFrom(from: string | undefined): string | undefined {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/sign-in')) return undefined;
  return from;
}
