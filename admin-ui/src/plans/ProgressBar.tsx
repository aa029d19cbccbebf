// A progress bar that says its value: the native <progress> (named for assistive technologies) and the figure as text.
import { useMessages } from '../i18n';

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const t = useMessages();
  if (value === null) return <span className="progress progress--none">{t.plans.noActions}</span>;
  const text = t.format.percentOf100(value);
  return (
    <span className="progress">
      <progress max={100} value={value} aria-label={label} aria-valuetext={text} />
      <span className="progress__value" aria-hidden="true">
        {text}
      </span>
    </span>
  );
}
