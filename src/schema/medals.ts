import type { Medals } from '../graph/store.js';
import { builder } from './builder.js';

export const MedalsType = builder.objectRef<Medals>('Medals').implement({
  description: 'Medals won.',
  fields: (t) => ({
    gold: t.int({ resolve: (medals) => medals.gold }),
    silver: t.int({ resolve: (medals) => medals.silver }),
    bronze: t.int({ resolve: (medals) => medals.bronze }),
    total: t.int({ resolve: (medals) => medals.total }),
  }),
});
