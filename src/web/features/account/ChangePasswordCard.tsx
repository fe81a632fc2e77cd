/** Changing one's own password; the server ends every other session of the account. */
import { Alert, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';

export function ChangePasswordCard() {
  const [v, setV] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => api.post<void>('/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => setV({ currentPassword: '', newPassword: '', repeat: '' }),
  });
  const errors = fieldErrors(change.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differ = v.newPassword !== v.repeat;
    setMismatch(differ);
    if (!differ) change.mutate();
  };
  const set = (key: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.currentTarget.value });
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Change password">
        <Stack gap="md">
          <Title order={2}>Change password</Title>
          {change.isSuccess && (
            <Alert color="sage" role="status" variant="light">
              Your password was changed. Any other place you were signed in has been signed out.
            </Alert>
          )}
          {change.error && (
            <Alert color="red" role="alert">
              {change.error.message}
            </Alert>
          )}
          <PasswordInput label="Current password" autoComplete="current-password" required value={v.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordInput
              label="New password"
              description="At least 12 characters"
              autoComplete="new-password"
              required
              value={v.newPassword}
              onChange={set('newPassword')}
              error={errors.newPassword}
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              required
              value={v.repeat}
              onChange={set('repeat')}
              error={mismatch ? 'The two passwords are not the same.' : undefined}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
