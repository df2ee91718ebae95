/**
 * The categories of person data every labelled field carries (`@sensitive(category:)`;
 * docs/authorization.md, Data categories). Kept apart from the viewer so that the registry of
 * agencies, which names the category of each agency's `involved`, depends on nothing else.
 */
export const CATEGORIES = [
  'IDENTITY',
  'CONTACT',
  'INVOLVEMENT',
  'SAFETY',
  'JUSTICE',
  'PROGRAM',
  'CHILD',
  'HOUSING',
  'HEALTH',
] as const;
export type Category = (typeof CATEGORIES)[number];
