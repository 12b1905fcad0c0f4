import type {
  Athlete,
  Country,
  Delegation,
  Games,
  Npc,
  Organisation,
  Person,
  Report,
  Result,
  SportsEvent,
} from '../graph/model.js';
import { builder, pageTypes } from './builder.js';

// Declared before they are implemented so that types can refer to each other across files.
export const CountryRef = builder.objectRef<Country>('Country');
export const NpcRef = builder.objectRef<Npc>('NPC');
export const GamesRef = builder.objectRef<Games>('Games');
export const ParticipationRef = builder.objectRef<Delegation>('Participation');
export const AthleteRef = builder.objectRef<Athlete>('Athlete');
export const EventRef = builder.objectRef<SportsEvent>('Event');
export const ResultRef = builder.objectRef<Result>('Result');
export const OrganisationRef = builder.objectRef<Organisation>('Organisation');
export const PersonRef = builder.objectRef<Person>('Person');
export const ReportRef = builder.objectRef<Report>('Report');

/** Each type's connection (and edge) type, shared by its root list and every nested list of it. */
const connectionOf = <T extends Parameters<typeof builder.connectionObject>[0]['type']>(
  type: T,
  name: string,
  items: string,
) => {
  const [connection, edge] = pageTypes(name, items);
  return builder.connectionObject({ type, ...connection }, edge);
};

export const CountryConnection = connectionOf(CountryRef, 'Country', 'countries');
export const NpcConnection = connectionOf(NpcRef, 'NPC', 'National Paralympic Committees');
export const GamesConnection = connectionOf(GamesRef, 'Games', 'editions of the Games');
export const ParticipationConnection = connectionOf(ParticipationRef, 'Participation', 'participations');
export const AthleteConnection = connectionOf(AthleteRef, 'Athlete', 'athletes');
export const EventConnection = connectionOf(EventRef, 'Event', 'events');
export const ResultConnection = connectionOf(ResultRef, 'Result', 'results');
export const OrganisationConnection = connectionOf(OrganisationRef, 'Organisation', 'organisations');
export const PersonConnection = connectionOf(PersonRef, 'Person', 'people');
export const ReportConnection = connectionOf(ReportRef, 'Report', 'reports');
