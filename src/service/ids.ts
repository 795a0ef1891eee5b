// Evaluation ids: "ev-" + milliseconds (base 36, fixed width) + a per-process counter + random
// bits. Fixed width makes string order time order; the random part keeps ids of several
// processes (sharing one MongoDB) apart.
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

export function evaluationId(now: Date): string {
  const ms = Math.max(0, now.getTime());
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  const time = ms.toString(36).padStart(9, '0');
  const seq = counter.toString(36).padStart(3, '0');
  return `ev-${time}${seq}-${randomBytes(5).toString('hex')}`;
}

export const EVALUATION_ID = /^ev-[0-9a-z]{12}-[0-9a-f]{10}$/;
