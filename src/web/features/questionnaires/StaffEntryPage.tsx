/**
 * Staff entering a patient's answers on their behalf: a due questionnaire (its draft saved as for the patient) or a
 * one-off response to any instrument. Recorded as entered by staff.
 */
import { Card, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../app/states';
import { PatientFrame } from '../patients/PatientFrame';
import { useInstruments, useQuestionnaires } from './queries';
import { RunnerScreen } from './RunnerScreen';
import type { Assignment } from './types';

export function StaffEntryPage() {
  return <PatientFrame section="questionnaires">{(p) => <Entry patientId={p.id} sex={p.sexAssignedAtBirth} />}</PatientFrame>;
}

function Entry({ patientId, sex }: { patientId: string; sex: string }) {
  const { assignmentId, instrumentId } = useParams();
  const lists = useQuestionnaires(patientId, Boolean(assignmentId));
  const instruments = useInstruments();
  const [kept, setKept] = useState<Assignment | null>(null);
  const held = kept && kept.id === assignmentId ? kept : null;
  const found = held ?? (assignmentId && lists.isFetchedAfterMount ? (lists.data?.due.find((a) => a.id === assignmentId) ?? null) : null);
  if (found && !held) setKept(found);

  const back = { to: `/patients/${patientId}/questionnaires`, label: 'Back to the questionnaires' };
  const knownSex = sex === 'female' || sex === 'male' ? sex : null;
  if (assignmentId && !found) {
    if (!lists.isFetchedAfterMount) return <Loading label="Loading the questionnaire…" />;
    return (
      <Card>
        <Text>This questionnaire is not open for answers any more: it may have been completed meanwhile.</Text>
      </Card>
    );
  }
  const id = found?.instrument.id ?? instrumentId ?? '';
  const title = found?.instrument.title ?? instruments.data?.find((i) => i.id === id)?.title ?? id;
  return (
    <Stack gap="md">
      <Text fw={600} fz="lg">
        {title}
        {found?.anchor && ` · ${found.anchor}`}
      </Text>
      <RunnerScreen key={found?.id ?? id} patientId={patientId} instrumentId={id} assignment={found} onBehalf knownSex={knownSex} back={back} />
    </Stack>
  );
}
