/** Staff: a patient's trajectory on each tracked instrument that has scores (PHQ-9, GAD-7, PCL-5). */
import { Card, Text } from '@mantine/core';
import { ErrorAlert, Loading } from '../../app/states';
import { PatientFrame } from '../patients/PatientFrame';
import { useResponses } from '../questionnaires/queries';
import { TrajectoryCard } from './TrajectoryCard';

const TRACKED = ['phq-9', 'gad-7', 'pcl-5'];

export function PatientOutcomesPage() {
  return <PatientFrame section="outcomes">{(p) => <Trajectories patientId={p.id} />}</PatientFrame>;
}

function Trajectories({ patientId }: { patientId: string }) {
  const responses = useResponses(patientId);
  if (responses.isPending) return <Loading label="Loading scores…" />;
  if (responses.isError) return <ErrorAlert error={responses.error} title="The scores could not be loaded" />;
  const present = new Set(responses.data.map((r) => r.instrument));
  // Instruments with severity bands and change over time; one-off screens (PHQ-2, AUDIT-C) are in the responses list.
  const shown = TRACKED.filter((id) => present.has(id));
  if (shown.length === 0) {
    return (
      <Card>
        <Text>No PHQ-9, GAD-7 or PCL-5 scores yet. Trajectories appear here once questionnaires are completed.</Text>
      </Card>
    );
  }
  return (
    <>
      {shown.map((id) => (
        <TrajectoryCard key={id} patientId={patientId} instrument={id} />
      ))}
    </>
  );
}
