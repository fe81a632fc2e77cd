/** The live stream's state in words beside a dot (never the colour alone), with "Reconnect" once it has stopped. */
import { Box, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { FEED_LABEL, type FeedStatus } from './stream';

const DOT: Record<FeedStatus, string> = { connecting: '#868e96', live: '#2b8a3e', reconnecting: '#e8590c', stopped: '#c92a2a' };

export function FeedIndicator({ status, onReconnect }: { status: FeedStatus; onReconnect: () => void }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Group gap={6} wrap="nowrap" role="status" data-feed-status={status}>
        <Box aria-hidden="true" w={10} h={10} style={{ borderRadius: '50%', background: DOT[status], flexShrink: 0 }} />
        <Text fz="sm" fw={600}>
          <VisuallyHidden component="span">Live updates: </VisuallyHidden>
          {FEED_LABEL[status]}
        </Text>
      </Group>
      {status === 'stopped' && (
        <Button size="compact-sm" variant="light" onClick={onReconnect}>
          Reconnect
        </Button>
      )}
    </Group>
  );
}
