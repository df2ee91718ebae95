import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { AGENCIES as CONSOLE_AGENCIES, DISCLOSURE_REPORT, REVIEW_QUEUE, reviewMutation } from '../../console/src/agencies';
import { REGISTRY } from '../../lib/agencies';
import { SUPERGRAPH_FILE } from '../../schema/compose';

/**
 * The console builds its audit operations from the registry at build time, one list per agency: the
 * code generator checks only operations written out, so these are checked against the API here.
 */
describe("the console's operations over every agency", () => {
  const api = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const errorsOf = (text: string) => validate(api, parse(text)).map((e) => e.message);

  it('knows every agency of the registry, in its order, with its names', () => {
    expect(CONSOLE_AGENCIES).toEqual(REGISTRY.map(({ id, field, names }) => ({ id, field, names })));
  });

  it("asks every agency's disclosure list of a report and of the review queue, in operations the API accepts", () => {
    expect(errorsOf(DISCLOSURE_REPORT.text)).toEqual([]);
    expect(errorsOf(REVIEW_QUEUE.text)).toEqual([]);
    for (const { field } of REGISTRY) {
      expect(DISCLOSURE_REPORT.text).toContain(` ${field} { ...PrintedDisclosure }`);
      expect(REVIEW_QUEUE.text).toContain(` ${field} { ...QueuedDisclosure }`);
    }
  });

  it("records a verdict with the review mutation of the agency whose log holds the record", () => {
    for (const agency of CONSOLE_AGENCIES) expect(errorsOf(reviewMutation(agency).text)).toEqual([]);
    expect(reviewMutation(CONSOLE_AGENCIES.find((a) => a.id === 'mental-health')!).text).toContain('reviewMentalHealthDisclosure(');
  });
});
