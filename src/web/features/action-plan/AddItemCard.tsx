/** Adding an item to a patient's plan (the patient on their own, or a clinician on the patient's). */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { EMPTY_WORDING, ItemFields } from './ItemForm';
import { useAddItem } from './queries';

export function AddItemCard({ patientId, intro }: { patientId: string; intro: string }) {
  const [wording, setWording] = useState(EMPTY_WORDING);
  const [added, setAdded] = useState(false);
  const add = useAddItem(patientId);
  return (
    <Card component="section" aria-labelledby="add-item-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="add-item-title">Add to the plan</Title>
        <Text fz="sm" c="dimmed">{intro}</Text>
        <ItemFields value={wording} onChange={(v) => { setWording(v); setAdded(false); }} errors={fieldErrors(add.error)} idPrefix="new-item" />
        <FormError error={add.error} title="The item was not added" />
        <Group>
          <Button
            loading={add.isPending}
            disabled={!wording.insight.trim() || !wording.commitment.trim()}
            onClick={() => add.mutate(wording, { onSuccess: () => { setWording(EMPTY_WORDING); setAdded(true); } })}
          >
            Add to the plan
          </Button>
          {added && <Text fz="sm" role="status">Added.</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
