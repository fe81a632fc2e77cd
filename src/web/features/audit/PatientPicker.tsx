/**
 * Choosing a patient by name for a filter. Names are searched on the server only once the admin types (each
 * patient shown is an audited read), never listed wholesale.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, PatientSummary } from '../../api/types';
import { patientName } from '../../app/labels';

interface Props {
  value: string;
  selectedLabel: string | null;
  /** The chosen patient's id ('' when cleared) and the name shown for it. */
  onChange: (id: string, label: string | null) => void;
}

export function PatientPicker({ value, selectedLabel, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const typed = debounced.length >= 2 && debounced !== selectedLabel;
  const results = useQuery({
    queryKey: ['patients', 'picker', debounced],
    queryFn: () => api.get<Page<PatientSummary>>('/api/patients', { query: { query: debounced, limit: 10 } }),
    enabled: typed,
    placeholderData: keepPreviousData,
  });
  const options = (typed ? (results.data?.items ?? []) : []).map((p) => ({ value: p.id, label: patientName(p) }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: selectedLabel ?? 'Selected patient' });

  return (
    <Select
      label="Patient"
      placeholder="Type two letters of a name"
      searchable
      clearable
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => onChange(id ?? '', option?.label ?? null)}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={typed ? (results.isFetching ? 'Searching…' : 'No patient with that name') : 'Type at least two letters'}
      clearButtonProps={{ 'aria-label': 'Clear patient filter' }}
    />
  );
}
