import { describe, expect, it } from 'vitest';
import * as dosing from './index';

describe('the public API', () => {
  it('exports the functions the database and HTTP layers build on', () => {
    for (const name of [
      'milligrams', 'kilograms', 'mgPerKg', 'units', 'DosingProtocol', 'minMonitoringMinutes', 'validateVitals', 'classifyVitals', 'VITAL_LOINC',
      'evaluateChecklist', 'overrideItem', 'CHECKLIST_ITEMS', 'evaluateDoseOrder', 'validateAdministrations', 'ROUTE_SNOMED',
      'checkpointSchedule', 'checkpointStatus', 'evaluateDischarge', 'applySessionEvent', 'initialSession', 'replaySession',
      'allowedEvents', 'whoIsPresent', 'checkLeave', 'appendPresence',
    ]) expect(dosing, name).toHaveProperty(name);
  });
});
