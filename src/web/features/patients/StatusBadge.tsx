import { Badge, type BadgeProps } from '@mantine/core';
import type { PatientStatus } from '../../api/types';
import { STATUS_COLOR, STATUS_LABEL } from '../../app/labels';

export function StatusBadge({ status, ...props }: { status: PatientStatus } & BadgeProps) {
  return (
    <Badge color={STATUS_COLOR[status]} {...props}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}
