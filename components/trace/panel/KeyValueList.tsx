/** Key/value pairs of an event or a link, keys muted, long values wrapped. */
export function KeyValueList({ pairs, className = '' }: { pairs: readonly (readonly [string, string])[]; className?: string }) {
  if (pairs.length === 0) return null;
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-2 font-mono ${className}`}>
      {pairs.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-muted">{key}</dt>
          <dd className="min-w-0 whitespace-pre-wrap break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
