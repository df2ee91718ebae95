import type { ApiError } from '../api/graphql';
import { useI18n } from '../i18n/i18n';
import { problemText } from './problems';

/** Errors of a whole request (not of one field), in plain language. */
export function ProblemList({ errors }: { errors: readonly ApiError[] }) {
  const i18n = useI18n();
  if (errors.length === 0) return null;
  const texts = [...new Set(errors.map((error) => problemText(i18n, error)))];
  return (
    <div role="alert" className="problems">
      <ul>
        {texts.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
