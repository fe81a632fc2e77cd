/** Part 3 of the access matrix (see access-matrix.test.ts and matrix/harness.ts). */
import { runAccessMatrix } from './matrix/harness';

runAccessMatrix(2, 4);
