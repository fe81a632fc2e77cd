/**
 * One protocol: its definition as a form (administrators save a new version; courses keep theirs), its versions with
 * how many courses use each, and retiring or restoring it. Other staff see it read-only.
 */
import { Alert, Badge, Button, Card, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { formatInstant } from '../../app/time';
import { useRooms } from '../rooms/RoomsPage';
import type { ProtocolDefinition, ProtocolDetail } from '../courses/types';
import { ProtocolFields } from './ProtocolFields';
import { DEFAULT_DEFINITION, protocolApi, useProtocol, useProtocolMutation } from './queries';

export function ProtocolEditorPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const protocol = useProtocol(isNew ? undefined : id);
  if (!isNew && protocol.isPending) return <Loading label="Loading the protocol…" />;
  if (!isNew && protocol.isError) return <QueryFailure error={protocol.error} what="protocol" />;
  const detail = isNew ? null : protocol.data!;
  return <Editor key={detail?.id ?? 'new'} detail={detail} />;
}

function Editor({ detail }: { detail: ProtocolDetail | null }) {
  const me = useSession();
  const admin = me.user.role === 'admin';
  const navigate = useNavigate();
  const rooms = useRooms();
  const [definition, setDefinition] = useState<ProtocolDefinition>(detail?.definition ?? DEFAULT_DEFINITION);
  const location = useLocation();
  const [saved, setSaved] = useState<string | null>((location.state as { saved?: string } | null)?.saved ?? null);
  const save = useProtocolMutation((d: ProtocolDefinition) => (detail ? protocolApi.save(detail.id, d) : protocolApi.create(d)));
  const toggle = useProtocolMutation((active: boolean) => protocolApi.setActive(detail!.id, active));
  const errors = fieldErrors(save.error);
  const title = detail ? detail.name : 'New protocol';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.mutate(definition, {
      onSuccess: (d) => {
        if (!detail) navigate(`/protocols/${d.id}`, { replace: true, state: { saved: `Protocol created (version ${d.version}).` } });
        else setSaved(d.version === detail.version ? 'Nothing changed: no new version was saved.' : `Saved as version ${d.version}. Courses already started keep version ${detail.version}.`);
      },
    });
  };

  return (
    <Page
      title={title}
      description={detail ? `Version ${detail.version}, saved ${formatInstant(detail.createdAt, me.clinic.timeZone)}.` : 'Start from the usual defaults and change what your clinic does differently.'}
      actions={detail && <Badge color={detail.active ? 'sage' : 'orange'} size="lg">{detail.active ? 'In use' : 'Retired'}</Badge>}
    >
      <Button component={Link} to="/protocols" variant="subtle" size="compact-sm" w="fit-content" px={0}>
        ← All protocols
      </Button>
      {saved && (
        <Alert color="sage" variant="light" role="status">
          {saved}
        </Alert>
      )}
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: detail ? 8 : 12 }}>
          <Card>
            <form onSubmit={onSubmit} noValidate aria-label="Protocol definition">
              <Stack gap="md">
                <FormError error={save.error} title="The protocol was not saved" />
                <fieldset className="tilth-fieldset" disabled={!admin}>
                  <legend className="tilth-visually-hidden">Definition</legend>
                  <ProtocolFields value={definition} onChange={setDefinition} errors={errors} equipmentOptions={rooms.data?.equipmentOptions ?? []} />
                </fieldset>
                {admin && (
                  <Group justify="flex-end">
                    <Button type="submit" loading={save.isPending}>
                      {detail ? 'Save as a new version' : 'Create protocol'}
                    </Button>
                  </Group>
                )}
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        {detail && (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="lg">
              <VersionsCard detail={detail} />
              {admin && (
                <Card>
                  <Stack gap="sm">
                    <Title order={2}>{detail.active ? 'Retire' : 'Restore'}</Title>
                    <Text fz="sm">
                      {detail.active ? 'A retired protocol starts no new course; courses on it go on.' : 'Restored, it can start new courses again.'}
                    </Text>
                    <FormError error={toggle.error} />
                    <Button variant={detail.active ? 'light' : 'filled'} color={detail.active ? 'red' : undefined} onClick={() => toggle.mutate(!detail.active)} loading={toggle.isPending}>
                      {detail.active ? 'Retire this protocol' : 'Restore this protocol'}
                    </Button>
                  </Stack>
                </Card>
              )}
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </Page>
  );
}

function VersionsCard({ detail }: { detail: ProtocolDetail }) {
  const me = useSession();
  return (
    <Card>
      <Stack gap="sm">
        <Title order={2}>Versions</Title>
        <List listStyleType="none" spacing="xs" aria-label="Versions, newest first">
          {detail.versions.map((v) => (
            <List.Item key={v.version}>
              <Text fz="sm" fw={600}>
                Version {v.version}
              </Text>
              <Text fz="xs" c="dimmed">
                {formatInstant(v.createdAt, me.clinic.timeZone)} · {v.courses} course{v.courses === 1 ? '' : 's'}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
