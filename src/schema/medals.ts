import type { Medals } from '../graph/store.js';
import { builder } from './builder.js';

export const MedalsType = builder.objectRef<Medals>('Medals').implement({
  description: 'Medals won.',
  fields: (t) => ({
    gold: t.exposeInt('gold', { description: 'Gold medals.' }),
    silver: t.exposeInt('silver', { description: 'Silver medals.' }),
    bronze: t.exposeInt('bronze', { description: 'Bronze medals.' }),
    total: t.exposeInt('total', { description: 'All medals.' }),
  }),
});
