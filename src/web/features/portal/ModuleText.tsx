/** Renders a module's light markdown (paragraphs, "## " headings, "- " lists, **bold**) as React elements, never as HTML. */
import { List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) => (part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part));
}

export function ModuleText({ body }: { body: string }) {
  const blocks = body.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        if (block.startsWith('## ')) return <Title key={i} order={3} fz="md" mt="md" mb="xs">{block.slice(3)}</Title>;
        const lines = block.split('\n');
        if (lines.every((l) => l.trim().startsWith('- '))) {
          return (
            <List key={i} spacing="xs" mb="sm">
              {lines.map((l, j) => <List.Item key={j}>{inline(l.trim().slice(2))}</List.Item>)}
            </List>
          );
        }
        return (
          <Text key={i} mb="sm">
            {lines.map((l, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {inline(l)}
              </span>
            ))}
          </Text>
        );
      })}
    </>
  );
}
