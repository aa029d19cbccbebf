// An em dash for sighted users, a word for screen readers: an empty cell that still says something.
export function Empty({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}
