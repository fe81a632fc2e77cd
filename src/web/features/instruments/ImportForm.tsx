/** Importing an instrument definition: paste the JSON or choose a file; every problem is listed with its path. */
import { Alert, Button, Card, FileButton, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { qKeys } from '../questionnaires/queries';
import type { InstrumentSummary } from '../questionnaires/types';

export function ImportForm() {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const importIt = useMutation({
    mutationFn: async () => {
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch (err) {
        throw new Error(`This is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      return api.post<InstrumentSummary>('/api/instruments', { definition });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: qKeys.instruments });
      setText('');
      setFileName(null);
    },
  });
  const error = importIt.error;
  useEffect(() => {
    if (error) problemsRef.current?.focus();
  }, [error]);

  const onFile = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    importIt.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    importIt.mutate();
  };
  const fields = error instanceof ApiError ? error.fields : [];

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Import an instrument">
        <Stack gap="md">
          <Title order={2}>Import an instrument</Title>
          <Text fz="sm">
            Import only instruments your clinic holds a licence for (for example the C-SSRS screener). The definition names its items, answer options,
            scoring rule, source and licence; the same format as <code>npm run tilth -- instruments import FILE</code>.
          </Text>
          {importIt.isSuccess && (
            <Alert color="sage" role="status" variant="light">
              Imported {importIt.data.title} ({importIt.data.id}, version {importIt.data.version}, {importIt.data.itemCount} items).
            </Alert>
          )}
          {error && (
            <Alert ref={problemsRef} tabIndex={-1} color="red" role="alert" title="The definition was not imported">
              {fields.length > 0 ? (
                <>
                  <Text fz="sm" mb="xs">
                    {fields.length === 1 ? 'One problem' : `${fields.length} problems`} to fix:
                  </Text>
                  <List fz="sm" spacing={4} aria-label="Problems in the definition">
                    {fields.map((f, i) => (
                      <List.Item key={`${f.path}-${i}`}>
                        <code>{f.path.replace(/^definition\.?/, '') || '(the whole definition)'}</code>: {f.message}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : (
                error.message
              )}
            </Alert>
          )}
          <Group gap="sm">
            <FileButton onChange={onFile} accept="application/json,.json">
              {(props) => (
                <Button {...props} variant="default">
                  Choose a JSON file…
                </Button>
              )}
            </FileButton>
            {fileName && <Text fz="sm">Loaded {fileName}</Text>}
          </Group>
          <Textarea
            label="Definition (JSON)"
            description="Paste the definition here, or choose a file above to load it."
            autosize
            minRows={8}
            maxRows={24}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 } }}
            spellCheck={false}
          />
          <Group justify="flex-end">
            <Button type="submit" disabled={!text.trim()} loading={importIt.isPending}>
              Import instrument
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
