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
import { builder } from './builder.js';

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
