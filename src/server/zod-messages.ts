/**
 * Messages people can act on for zod's generic validation failures ("required" rather than "Too small: expected
 * string to have >=1 characters"). Schemas that set their own message keep it.
 */
import { z } from 'zod';

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null ? 'required' : `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
      case 'too_small':
        if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : `must be at least ${issue.minimum} characters`;
        if (issue.origin === 'array') return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
        return `must be at least ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
        if (issue.origin === 'array') return `can have at most ${issue.maximum} entries`;
        return `must be at most ${issue.maximum}`;
      case 'invalid_value':
        return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
      case 'unrecognized_keys':
        return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
      default:
        return undefined;
    }
  },
});
