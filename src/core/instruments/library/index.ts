/** The instruments Tilth ships: free to use (clinical-facts.md §1). C-SSRS, CADSS and DAST-10 wording is not shipped. */
import { InstrumentDefinition, type InstrumentDefinition as Definition } from '../definition';
import { auditC } from './auditc';
import { gad7 } from './gad7';
import { pcl5 } from './pcl5';
import { phq2 } from './phq2';
import { phq9 } from './phq9';

export const SHIPPED_INSTRUMENTS: readonly Definition[] = [phq9, phq2, gad7, pcl5, auditC].map((d) => InstrumentDefinition.parse(d));
