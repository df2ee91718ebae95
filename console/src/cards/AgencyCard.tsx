import type { ReactNode } from 'react';
import type { ApiError } from '../api/graphql';
import { useI18n } from '../i18n/i18n';
import type { AgencyCard as Card, CardColumn, CardRecordType } from './cardTypes';
import { formatValue } from './formatValue';
import { groupWithheld } from './withheld';
import { WithheldNote } from './WithheldNote';

type FileData = Record<string, unknown> | null | undefined;

interface Props {
  card: Card;
  file: FileData;
  /** The answer's errors by response path. */
  errors: Map<string, ApiError>;
  clientId: string;
}

/** One agency's card: its involvement, then each of its record types, withheld fields explained in place. */
export function AgencyCard({ card, file, errors, clientId }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = `client.${card.field}`;
  const titleId = `card-${card.agency}`;
  // A withheld non-null field (`involved`) takes its whole file with it: explain that field's refusal.
  const fileError = errors.get(base) ?? (file ? undefined : [...errors.entries()].find(([path]) => path.startsWith(`${base}.`))?.[1]);
  const note = (path: string) => {
    const error = errors.get(path);
    return error ? <WithheldNote error={error} clientId={clientId} /> : null;
  };
  const fact = (label: string, field: string, column: CardColumn) => (
    <div key={field}>
      <dt>{label}</dt>
      <dd>{note(`${base}.${field}`) ?? formatValue(i18n, column, file?.[field])}</dd>
    </div>
  );

  let body;
  if (fileError) body = <WithheldNote error={fileError} clientId={clientId} />;
  else if (!file) body = <p>{t('card.noAnswer')}</p>;
  else if (file.involved === false) body = <p className="muted">{t('card.notInvolved')}</p>;
  else {
    body = (
      <>
        <dl className="facts">
          {file.involved === null ? fact(t('card.involved'), 'involved', { field: 'involved', label: card.title, format: 'boolean' }) : null}
          {fact(t('card.capacity'), 'capacity', { field: 'capacity', label: card.title, format: 'enum', values: card.capacities })}
          {fact(t('card.since'), 'since', { field: 'since', label: card.title, format: 'date' })}
          {fact(t('card.contactPerson'), 'contactPerson', { field: 'contactPerson', label: card.title })}
          {(card.facts ?? []).map((column) => fact(i18n.pick(column.label), column.field, column))}
        </dl>
        {groupWithheld(card.records, (records) => errors.get(`${base}.${records.field}`)).map(({ items, error }) =>
          error ? (
            <WithheldRecords key={items[0]!.field} records={items} note={<WithheldNote error={error} clientId={clientId} />} />
          ) : (
            <RecordSection key={items[0]!.field} records={items[0]!} value={file[items[0]!.field]} />
          ),
        )}
      </>
    );
  }
  return (
    <section className="card agency-card" aria-labelledby={titleId} data-agency={card.agency}>
      <h2 id={titleId}>{i18n.pick(card.title, card.agency)}</h2>
      {body}
    </section>
  );
}

/** Record types withheld for one reason: their titles, then the reason once. */
function WithheldRecords({ records, note }: { records: CardRecordType[]; note: ReactNode }) {
  const i18n = useI18n();
  return (
    <div className="records" data-records={records.map((type) => type.field).join(' ')}>
      <h3>{records.map((type) => i18n.pick(type.title, type.field)).join(' · ')}</h3>
      {note}
    </div>
  );
}

function RecordSection({ records, value }: { records: CardRecordType; value: unknown }) {
  const i18n = useI18n();
  const rows = records.kind === 'object' ? (value ? [value as Record<string, unknown>] : []) : ((value as Record<string, unknown>[] | null) ?? []);
  return (
    <div className="records" data-records={records.field}>
      <h3>{i18n.pick(records.title, records.field)}</h3>
      {rows.length === 0 ? (
        <p className="muted">{i18n.t('card.noRecords')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {records.columns.map((column) => (
                  <th key={column.field} scope="col">{i18n.pick(column.label, column.field)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {records.columns.map((column) => (
                    <td key={column.field}>{formatValue(i18n, column, row[column.field])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
