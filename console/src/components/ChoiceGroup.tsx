import { useId } from 'react';

/** A group of checkboxes with a legend and, when something is wrong, a message tied to the group. */
export function ChoiceGroup<T extends string>({ legend, options, chosen, onChange, labelOf, error }: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange(value: T, on: boolean): void;
  labelOf(value: T): string;
  error?: string | null;
}) {
  const id = useId();
  return (
    <fieldset className={`choices${error ? ' invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="checkbox">
          <input type="checkbox" value={option} checked={chosen.includes(option)} onChange={(event) => onChange(option, event.target.checked)} />
          {labelOf(option)}
        </label>
      ))}
      {error ? <span id={`${id}-error`} className="field-error">{error}</span> : null}
    </fieldset>
  );
}
