/** Every feature's access-matrix rows. A feature with routes adds its module here. */
import type { Case, MatrixEnv } from './env';

export function featureMatrices(_env: MatrixEnv): Record<string, Case[]> {
  return {};
}
