import type { Medals } from '../graph/store.js';
import { builder } from './builder.js';

export const MedalsType = builder.objectRef<Medals>('Medals').implement({
  description: 'Medals won.',
  fields: (t) => ({
    gold: t.int({ description: 'Gold medals.', resolve: (medals) => medals.gold }),
    silver: t.int({ description: 'Silver medals.', resolve: (medals) => medals.silver }),
    bronze: t.int({ description: 'Bronze medals.', resolve: (medals) => medals.bronze }),
    total: t.int({ description: 'All medals.', resolve: (medals) => medals.total }),
  }),
});
