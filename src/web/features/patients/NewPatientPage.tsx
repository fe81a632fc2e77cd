/** Adding a patient (admin, prescriber, nurse): demographics, care team and an optional first weight. */
import { Button, Card, Fieldset, Group, NumberInput, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldErrors } from '../../api/client';
import { useStaffList } from '../../api/staff';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { CareTeamFields } from './CareTeamFields';
import { emptyPatientForm, PatientFields, patientBody } from './PatientFields';
import { patientApi, patientKey } from './queries';
import { FormError } from '../../app/FormError';

export function NewPatientPage() {
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const [values, setValues] = useState(emptyPatientForm);
  const [team, setTeam] = useState({ therapistIds: [] as string[], prescriberId: '' });
  const [weight, setWeight] = useState<number | string>('');
  const clinical = me.user.role !== 'admin';

  const create = useMutation({
    mutationFn: () =>
      patientApi.create({
        ...patientBody(values),
        therapistIds: team.therapistIds,
        prescriberId: team.prescriberId || null,
        ...(clinical && typeof weight === 'number' ? { weightKg: weight } : {}),
      }),
    onSuccess: (detail) => {
      queryClient.setQueryData(patientKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
      navigate(`/patients/${detail.id}`, { state: { notice: `${detail.givenName} ${detail.familyName} was added as referred.` } });
    },
  });
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Page title="Add patient" description="A new patient starts as referred. You can change the status from their overview.">
      <Card>
        <form onSubmit={onSubmit} noValidate aria-label="New patient">
          <Stack gap="lg">
            <FormError error={create.error} title="The patient was not added" />
            <PatientFields value={values} onChange={setValues} errors={errors} />
            {staff.data && (
              <CareTeamFields
                staff={staff.data}
                therapistIds={team.therapistIds}
                prescriberId={team.prescriberId}
                onChange={setTeam}
                errors={errors}
              />
            )}
            {clinical && (
              <Fieldset legend="First weight (optional)">
                <NumberInput
                  label="Weight (kg)"
                  description="Used for mg/kg dosing; recorded as measured today."
                  min={1}
                  max={699}
                  decimalScale={1}
                  value={weight}
                  onChange={setWeight}
                  error={errors.weightKg}
                  maw={240}
                />
              </Fieldset>
            )}
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/patients" variant="default">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Add patient
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
