import { unavailableErrors } from '../../gateway/unavailable';

const error = (path?: (string | number)[]) => ({
  message: 'This agency did not answer; its data is not included.',
  ...(path ? { path } : {}),
  extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'police' },
});

describe('what a failed subgraph fetch answers', () => {
  it('puts one error per entity and agency file, at the path the gateway maps onto the response', () => {
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Client{__typename police{involved}}}}';
    const representations = [{ __typename: 'Client', id: 'FJC-000002' }, { __typename: 'Client', id: 'FJC-000003' }];
    expect(unavailableErrors('police', query, { representations })).toEqual([error(['_entities', 0, 'police']), error(['_entities', 1, 'police'])]);
  });

  it('follows named fragments and answers each representation only for its own type', () => {
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...C ...on Case{summary}}} fragment C on Client{police{involved} alias:police{kind}}';
    const representations = [{ __typename: 'Case', id: 'CASE-1' }, { __typename: 'Client', id: 'FJC-1' }];
    expect(unavailableErrors('police', query, { representations })).toEqual([
      error(['_entities', 0, 'summary']), error(['_entities', 1, 'police']), error(['_entities', 1, 'alias']),
    ]);
  });

  it('puts one error per root field of a root fetch, a mutation included', () => {
    expect(unavailableErrors('police', '{ a: client(id: "1") { id } clients(ids: []) { id } __typename }', undefined)).toEqual([error(['a']), error(['clients'])]);
    expect(unavailableErrors('police', 'mutation { revokeConsent(id: "1", reason: "x") { id } }', undefined)).toEqual([error(['revokeConsent'])]);
  });

  it('still answers, without a path, when there is no operation to read', () => {
    expect(unavailableErrors('police', undefined, undefined)).toEqual([error()]);
    expect(unavailableErrors('police', '{ broken', undefined)).toEqual([error()]);
  });
});
