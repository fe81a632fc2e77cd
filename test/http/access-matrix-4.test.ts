/** Part 4 of the access matrix (see access-matrix.test.ts and matrix/harness.ts). */
import { runAccessMatrix } from './matrix/harness';

runAccessMatrix(3, 4);
