/** A patient's open safety alerts, at the top of their record until someone documents the action taken. */
import { Alert, Card, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { AcknowledgeModal } from './AcknowledgeModal';
import { OpenAlertList } from './OpenAlertList';
import { useSafetyAlerts, type SafetyAlert } from './queries';

export function PatientAlerts({ patientId }: { patientId: string }) {
  const me = useSession();
  const alerts = useSafetyAlerts({ status: 'open', patientId }, me.user.role !== 'patient');
  const [acknowledging, setAcknowledging] = useState<SafetyAlert | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = alerts.data ?? [];
  return (
    <>
      {notice && (
        <Alert color="sage" role="status" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {items.length > 0 && (
        <Card style={{ borderColor: 'var(--mantine-color-red-8)' }}>
          <Stack gap="sm">
            <Title order={2} c="red.9">
              Open safety {items.length === 1 ? 'alert' : `alerts (${items.length})`}
            </Title>
            <OpenAlertList alerts={items} showPatient={false} onAcknowledge={me.user.role !== 'admin' ? setAcknowledging : undefined} />
          </Stack>
        </Card>
      )}
      {acknowledging && (
        <AcknowledgeModal
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(message) => {
            setAcknowledging(null);
            setNotice(message);
          }}
        />
      )}
    </>
  );
}
