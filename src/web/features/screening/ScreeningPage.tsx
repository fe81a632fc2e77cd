/**
 * Staff: a patient's screening record, its live evaluation against the clinic's rule set, the prescriber's decision
 * and the decision history (with co-signatures).
 */
import { Card, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import type { PatientDetail } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { PatientFrame } from '../patients/PatientFrame';
import { DecisionHistory } from './DecisionHistory';
import { DecisionPanel } from './DecisionPanel';
import { EvaluationPanel, useLiveEvaluation } from './EvaluationPanel';
import { useDecisions, useSaveScreening, useScreening, useVocabulary, type Facts, type ScreeningView, type Vocabulary } from './queries';
import { bodyOf, bpOf, formFromView, ScreeningForm, type ScreeningFormState } from './ScreeningForm';

export function ScreeningPage() {
  return <PatientFrame section="screening">{(p) => <Screening patient={p} />}</PatientFrame>;
}

function Screening({ patient }: { patient: PatientDetail }) {
  const view = useScreening(patient.id);
  const vocabulary = useVocabulary();
  if (view.isPending || vocabulary.isPending) return <Loading label="Loading the screening record…" />;
  if (view.isError) return <ErrorAlert error={view.error} title="The screening record could not be loaded" />;
  if (vocabulary.isError) return <ErrorAlert error={vocabulary.error} title="The screening vocabulary could not be loaded" />;
  return <Workspace key={view.data.updatedAt ?? 'new'} patient={patient} view={view.data} vocabulary={vocabulary.data} />;
}

function Workspace({ patient, view, vocabulary }: { patient: PatientDetail; view: ScreeningView; vocabulary: Vocabulary }) {
  const me = useSession();
  const [form, setForm] = useState<ScreeningFormState>(() => formFromView(view));
  const save = useSaveScreening(patient.id);
  const decisions = useDecisions(patient.id);
  const dirty = JSON.stringify(form) !== JSON.stringify(formFromView(view));
  const bp = bpOf(form);
  const facts: Facts = {
    indications: form.indications,
    conditions: form.conditions,
    ...(bp ? { bloodPressure: bp } : {}),
    ...(view.facts.auditC ? { auditC: view.facts.auditC } : {}),
    ...(view.facts.phq9Item9 !== undefined ? { phq9Item9: view.facts.phq9Item9 } : {}),
  };
  const live = useLiveEvaluation(facts, dirty, view.evaluation);
  const awaiting = (decisions.data ?? []).some((d) => d.status === 'awaiting-cosign');

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Card>
        <ScreeningForm
          view={view}
          vocabulary={vocabulary}
          value={form}
          onChange={setForm}
          onSave={() => save.mutate(bodyOf(form, view, me.clinic.timeZone))}
          saving={save.isPending}
          error={save.error}
          dirty={dirty}
        />
      </Card>
      <Stack gap="lg">
        <EvaluationPanel view={view} evaluation={live.evaluation} error={live.error} dirty={dirty} />
        {view.permissions.decideEligibility && <DecisionPanel patient={patient} saved={view.evaluation} dirty={dirty} blocked={awaiting} />}
        {decisions.isError ? (
          <ErrorAlert error={decisions.error} title="The decisions could not be loaded" />
        ) : (
          decisions.data && <DecisionHistory patientId={patient.id} decisions={decisions.data} />
        )}
      </Stack>
    </SimpleGrid>
  );
}
